/**
 * A zero-argument function returning one draw of a distribution per call.
 *
 * Samplers are built once by a factory (which validates the parameters) and then called on the hot
 * path: a call never allocates and never re-validates. A sampler owns no randomness of its own; it
 * consumes the {@link RandomSource} it was built with, so its draws are reproducible from the seed.
 */
export type Sampler = () => number;
