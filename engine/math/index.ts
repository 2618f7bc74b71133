export { normalQuantile } from './normal-quantile.js';
export { normalCdf, standardNormalPdf } from './normal-cdf.js';
export { gammaFunction } from './gamma-function.js';
export { logGamma } from './log-gamma.js';
export { regularizedIncompleteBeta } from './incomplete-beta.js';
