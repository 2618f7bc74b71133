/**
 * A generator of uniform random numbers in [0, 1): 0 may occur, 1 never does.
 *
 * Every sampler in `engine/rng` draws from a `RandomSource` passed in by the caller, never from
 * global randomness, so a run is reproducible from its seed. Obtain one from
 * {@link RandomStreams.stream}.
 */
export type RandomSource = () => number;
