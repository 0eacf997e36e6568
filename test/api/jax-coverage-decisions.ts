/**
 * The hand-written half of docs/jax-coverage.md: where each JAX namespace lives in tessera, the
 * JAX functions tessera keeps under another name, and why each of the others is not provided.
 * The other half, the list of JAX's names, is test/fixtures/jax_api.json (read from the JAX
 * wheel). Whether a function is provided is never written here: it is read from tessera itself,
 * so test/api/jax-coverage.test.ts fails when a function is added or removed without this file
 * and the page following.
 */

/** A JAX namespace's place in tessera. */
export interface NamespaceDecision {
  /**
   * The tessera namespace whose camelCase names mirror it (`jax.numpy.expand_dims` is looked up as
   * `np.expandDims`), or null when tessera has no such namespace and only `renamed` entries map it.
   */
  readonly tessera: string | null;
  /** A sentence under the namespace's heading, for what applies to all of it. */
  readonly note?: string;
}

export const NAMESPACES: Readonly<Record<string, NamespaceDecision>> = {
  "jax.numpy": { tessera: "np" },
  "jax.numpy.linalg": { tessera: "np.linalg" },
  "jax.numpy.fft": { tessera: "np.fft" },
  "jax.nn": { tessera: "nn" },
  "jax.nn.initializers": {
    tessera: "models",
    note: "JAX's initializers are factories (`glorot_normal()` returns the function that draws); tessera's are the drawing functions themselves, `(key, shape, { dtype, inAxis, outAxis })`, and `models.varianceScaling(scale, mode, distribution)` is the factory.",
  },
  "jax.lax": {
    tessera: "lax",
    note: "Convolutions default to channels-last layouts (NHWC/HWIO) where JAX defaults to NCHW/OIHW; pass `dimensionNumbers` for JAX's.",
  },
  "jax.lax.linalg": { tessera: "lax.linalg" },
  "jax.random": { tessera: "random" },
  "jax.scipy.special": {
    tessera: "scipy.special",
    note: "Options that JAX needs concrete are JS values: `polygamma(n, x)` and `multigammaln(a, d)` take a JS integer, `logNdtr(x, { seriesOrder })`, `comb(N, k, { repetition })`, `factorial(n, { exact })`. The log-gamma family uses tessera's Lanczos approximation (about 3e-8 absolute in float64, short of JAX's 1e-15).",
  },
  "jax.scipy.stats": {
    tessera: "scipy.stats",
    note: "One namespace per distribution with JAX's argument order and defaults (`scipy.stats.norm.logpdf(x, loc = 0, scale = 1)`); `gumbel_r`, `gumbel_l` and `multivariate_normal` are `gumbelR`, `gumbelL` and `multivariateNormal`.",
  },
  "jax.ops": { tessera: "ops" },
};

/** JAX functions tessera provides under another name or namespace: qualified JAX name -> tessera path. */
export const RENAMED: Readonly<Record<string, string>> = {
  "jax.numpy.fromfunction": "np.fromFunction",
  "jax.numpy.ix_": "np.ix",
  "jax.nn.tanh": "np.tanh",
  "jax.nn.initializers.zeros": "models.zerosInit",
  "jax.nn.initializers.ones": "models.onesInit",
  "jax.lax.bitwise_and": "lax.and",
  "jax.lax.bitwise_or": "lax.or",
  "jax.lax.bitwise_not": "lax.not",
  "jax.lax.bitwise_xor": "lax.xor",
  "jax.lax.nextafter": "lax.nextAfter",
  "jax.random.PRNGKey": "random.key",
};

/** Notes on provided functions whose form differs from JAX's: qualified JAX name -> note. */
export const NOTES: Readonly<Record<string, string>> = {
  "jax.random.key": "a raw `uint32[2]` key, as `PRNGKey` (no typed key arrays)",
  "jax.random.PRNGKey": "the same raw `uint32[2]` key",
  "jax.numpy.unique_all": "a record `{ values, indices, inverseIndices, counts }` (JAX's named tuple)",
  "jax.numpy.unique_counts": "a record `{ values, counts }`",
  "jax.numpy.unique_inverse": "a record `{ values, inverseIndices }`",
  "jax.numpy.ix_": "the index arrays as a JS array",
  "jax.lax.conv": "channels-last (NHWC input, HWIO kernel)",
  "jax.lax.linalg.schur": "real input only (tessera has no complex dtype); the kernel follows LAPACK gees' steps in float64, so float64 results are LAPACK's, while for float32 (which JAX computes in float32) the order along `t`'s diagonal may differ; `sortEigVals`/`selectCallable` are errors (JAX raises for sorting too); with `computeSchurVectors: false` the result is `[t]`, as JAX's one-element list",
  "jax.lax.linalg.qdwh": "one matrix, as JAX's; JAX's while loop is unrolled to `maxIterations` with the steps after convergence masked out (same results and count)",
  "jax.lax.linalg.tridiagonal_solve": "Thomas' algorithm without pivoting (JAX's CPU calls LAPACK's pivoted gtsv): for diagonally dominant or positive-definite systems; `perturbSingular: true` is an error",
  "jax.lax.conv_general_dilated": "default layout channels-last",
  "jax.lax.conv_transpose": "options `{ rhsDilation, dimensionNumbers, transposeKernel, useConsistentPadding }`; channels-last default, as JAX's",
  "jax.lax.conv_with_general_padding": "channels-last (NHWC input, HWIO kernel), as `lax.conv`",
  "jax.lax.conv_general_dilated_patches": "default layout channels-last (NHWC/HWIO/NHWC); options `{ lhsDilation, rhsDilation, dimensionNumbers }`",
  "jax.lax.conv_general_dilated_local": "default layout channels-last: rhs `[outH, outW, features * window, outFeatures]`; options `{ lhsDilation, rhsDilation, dimensionNumbers }`",
  "jax.lax.conv_general_permutations": "layout strings only; the permutations as JS arrays",
  "jax.lax.conv_general_shape_tuple": "shapes in and out as JS arrays; layout strings only",
  "jax.lax.conv_shape_tuple": "shapes in and out as JS arrays",
  "jax.lax.conv_transpose_shape_tuple": "shapes in and out as JS arrays; layout strings only",
  "jax.lax.reduce_window_shape_tuple": "shapes in and out as JS arrays; lists of unequal length are an error (JAX truncates to the shortest)",
  "jax.lax.ragged_dot": "options `{ preferredElementType }`; `groupOffset` is rejected (unimplemented in JAX too)",
  "jax.lax.ragged_dot_general": "dimension numbers as a record `{ dotDimensionNumbers, lhsRaggedDimensions, rhsGroupDimensions }`; differentiable in every mode (JAX 0.10.2 only when the ragged axis is a free one)",
  "jax.scipy.special.zeta": "the Hurwitz zeta `zeta(x, q)`: `q` is required (JAX raises without it too)",
  "jax.scipy.special.polygamma": "`n` is a JS integer",
  "jax.scipy.special.multigammaln": "`d` is a JS integer",
  "jax.scipy.special.betainc": "differentiable in `x` only, as JAX (differentiating `a` or `b` is an error)",
  "jax.scipy.special.softmax": "`{ axis }`, every axis by default (as JAX; `nn.softmax` defaults to the last)",
  "jax.scipy.special.log_softmax": "`{ axis }`, every axis by default (as JAX)",
  "jax.scipy.stats.norm.ppf": "float32 in, float32 out (JAX casts to Python's float, float64 under x64)",
  "jax.scipy.stats.norm.isf": "float32 in, float32 out, as `ppf`",
  "jax.scipy.stats.mode": "`mode(a, { axis, nanPolicy, keepdims })` returns a record `{ mode, count }` (JAX's named tuple); only `nanPolicy: \"propagate\"`, as JAX",
  "jax.scipy.stats.rankdata": "`rankdata(a, { method, axis, nanPolicy })`; ranks are float32 (float64 for a float64 sample; JAX gives its default float, float64 under x64)",
  "jax.scipy.stats.sem": "`sem(a, { axis, ddof, nanPolicy, keepdims })`; `nanPolicy` \"propagate\" or \"omit\", as JAX",
  "jax.nn.initializers.variance_scaling": "positional `(scale, mode, distribution)`, modes `\"fanIn\"`, `\"fanOut\"`, `\"fanAvg\"`",
  "jax.lax.nextafter": "camelCased as a word pair",
  "jax.numpy.poly": "roots as a 1-D array only (a square matrix's characteristic polynomial needs complex eigenvalues)",
  "jax.numpy.kaiser": "`beta` is a JS number; the windows take `{ dtype }` (float32 by default)",
  "jax.numpy.polymul": "no `trimLeadingZeros` option",
  "jax.numpy.polyval": "Horner's rule unrolled over the coefficients (no `unroll` option)",
  "jax.nn.initializers.truncated_normal": "`truncatedNormal(stddev, { lower, upper })`",
  "jax.nn.initializers.delta_orthogonal": "`deltaOrthogonal({ scale, columnAxis })`, as `orthogonal`",
  "jax.random.orthogonal": "`orthogonal(key, n, shape, { dtype, m })`",
  "jax.random.multinomial": "`multinomial(key, n, p, { shape, dtype, unroll })`: `shape` is the whole result shape, ending in the outcomes (what JAX's code does; its docstring says a batch prefix); `unroll` is accepted and changes nothing (tessera unrolls the chain of binomials)",
  "jax.random.ball": "`ball(key, d, p = 2, shape = [], { dtype })` with `p` a positive JS number",
  "jax.random.binomial": "float samples (`{ dtype }`, float32 by default, float64 when `n` or `p` is); the loops run in `p`'s dtype, as JAX",
  "jax.random.rademacher": "`{ dtype }`: int32 (default), float32 or float64",
  "jax.random.double_sided_maxwell": "as JAX, the sample shape is `shape` followed by the broadcast shape of `loc` and `scale`",
  "jax.lax.full": "a JS number fills float32 unless `dtype` is given (JAX gives a Python int int32); `fillValue` must be a scalar, as JAX",
  "jax.lax.empty": "filled with zeros (JAX's contents are unspecified)",
  "jax.lax.dot": "`dot(lhs, rhs, { dimensionNumbers, preferredElementType })`; no precision choices",
  "jax.lax.associative_scan": "`associativeScan(fn, elems, { reverse, axis })`",
  "jax.lax.scatter": "dimension numbers as a record `{ updateWindowDims, insertedWindowDims, scatterDimsToOperandDims, operandBatchingDims, scatterIndicesBatchingDims }`, options `{ indicesAreSorted, uniqueIndices, mode }` (`\"promise_in_bounds\"` drops out-of-bounds windows, as JAX on CPU); the last write to an element wins",
  "jax.lax.scatter_mul": "as `scatter`; differentiable with repeated indices too (JAX requires `uniqueIndices`)",
  "jax.lax.scatter_apply": "`scatterApply(operand, indices, func, dimensionNumbers, { updateShape, ... })`; `func` maps scalars; differentiable (JAX's is not)",
  "jax.lax.reduce": "a single add/mul/max/min/and/or with its identity init runs as that reduction (as JAX); any other computation is a scan folding the reduced slices into the init value, once",
  "jax.lax.custom_linear_solve": "`customLinearSolve(matvec, b, solve, transposeSolve?, { symmetric, hasAux })`; forward and reverse mode (to any order), jit and vmap, as JAX's",
  "jax.lax.custom_root": "`customRoot(f, initialGuess, solve, tangentSolve, { hasAux })`; forward and reverse mode (to any order), jit and vmap; reverse mode calls `tangentSolve` with the transposed map v -> Jᵀ v where JAX transposes `tangent_solve`'s computation (the same when `tangentSolve` solves the system it is given)",
  "jax.lax.map": "`map(f, xs, { batchSize })`",
  "jax.lax.sort": "takes a list of operands and returns a list; options `{ axis, numKeys }`",
  "jax.numpy.put": "`put(a, ind, v, { mode })` returns a new array (JAX's `inplace=False`; `inplace` may be omitted, only `false` is accepted)",
  "jax.numpy.put_along_axis": "`putAlongAxis(arr, indices, values, axis, { mode })` returns a new array (`inplace` may be omitted, only `false` is accepted)",
  "jax.numpy.place": "`place(arr, mask, vals)` returns a new array (`inplace` may be omitted, only `false` is accepted)",
  "jax.numpy.piecewise": "no extra `*args`/`**kw` for the functions (close over them); each function gets the whole array, not one element at a time, so it must be elementwise",
  "jax.numpy.packbits": "uint32 bytes (values 0..255) where JAX returns uint8: tessera has no uint8",
  "jax.numpy.unpackbits": "takes uint32 bytes (values 0..255; higher bits ignored) and returns uint32 0s and 1s, where JAX takes and returns uint8",
  "jax.numpy.bitwise_count": "uint32 where JAX returns uint8",
  "jax.lax.bitcast_convert_type": "between float32, int32, uint32 and float64 (tessera's dtypes; a float64 is a trailing pair of 32-bit words, low word first)",
  "jax.numpy.frexp": "subnormal inputs give IEEE's (numpy's) mantissa and exponent; XLA on CPU flushes them to zero",
  "jax.numpy.apply_along_axis": "no extra `*args`/`**kwargs` (close over them); `func1d` is called once per slice (JAX traces it once under vmap), with the same results for a pure function",
  "jax.scipy.special.bernoulli": "`n` is a JS integer; `{ dtype }` picks float32 (default, JAX without x64) or float64; B_4, B_6, ... carry JAX's truncated zeta sum",
  "jax.scipy.special.sici": "returns the pair `[si, ci]` (JAX's tuple)",
  "jax.scipy.special.fresnel": "returns the pair `[s, c]` (JAX's tuple)",
  "jax.scipy.special.expn": "at x = 0 gives JAX's 1/n for n >= 2 (scipy: 1/(n - 1)); not differentiable in `n`, as JAX",
  "jax.scipy.special.erfcx": "as JAX, 0 where erfc(x) underflows just below the asymptotic switch (about 26.55 < x <= 26.64 in float64); tessera's erfc keeps subnormals, so values there are finite",
  "jax.lax.polygamma": "`m` is an array of `x`'s dtype (NaN where it is not a non-negative integer); `scipy.special.polygamma` takes a JS integer",
  "jax.lax.igamma_grad_a": "not differentiable (JAX has no rule either)",
  "jax.lax.zeta": "not differentiable (JAX has no rule either)",
  "jax.scipy.special.bessel_jn": "`besselJn(z, { v, nIter })`: JAX's keyword arguments as a record (`v` required, `nIter` defaults to 50)",
  "jax.scipy.special.hyp1f1": "JAX's series (at most 250 terms): 1 at a = b = 0 (scipy differs), and large or cancelling values lose accuracy, as in JAX",
  "jax.scipy.special.hyp2f1": "JAX's cases and series, with JAX's values where scipy's differ: +inf where c is a non-positive integer (polynomials too), for x > 1 (polynomials too) and at x = 1 when c - a - b <= 0, but NaN through Euler's transformation there when c - a - b is an integer <= -1; the 250-term series near x = 1 when c - a - b is a negative non-integer and for x <= -1; 1 for NaN x, and for a NaN a, b or c where the plain series is used. A branch's loops run only where it is used (JAX runs them all)",
};

/** One entry of a reason group: a JAX name, or a name and what to use instead (markdown). `*` ends a prefix pattern. */
export type Entry = string | readonly [name: string, instead: string];

/** JAX functions not provided for one reason, by JAX namespace. */
export interface ReasonGroup {
  readonly title: string;
  readonly why: string;
  readonly names: Readonly<Record<string, readonly Entry[]>>;
}

export const NOT_PROVIDED: readonly ReasonGroup[] = [
  {
    title: "Complex numbers",
    why: "tessera's dtypes are real (float32, float64, int32, uint32, bool): there is no complex dtype for these to take or return.",
    names: {
      "jax.numpy": ["angle", "conj", "conjugate", "imag", "real", "iscomplex", "iscomplexobj", "isreal", "isrealobj", "sort_complex"],
      "jax.numpy.linalg": ["eig", "eigvals"],
      "jax.lax": ["complex", "conj", "imag", "real"],
      "jax.lax.linalg": ["eig"],
      "jax.scipy.special": ["wofz", "sph_harm_y"],
    },
  },
  {
    title: "Fourier transforms",
    why: "They produce complex numbers, which tessera lacks.",
    names: { "jax.numpy.fft": ["*"], "jax.lax": ["fft"] },
  },
  {
    title: "Polynomial roots",
    why: "A real polynomial's roots are complex in general (JAX's `roots` always returns a complex array), and tessera has no complex dtype.",
    names: { "jax.numpy": ["roots"] },
  },
  {
    title: "Devices, sharding, collectives and XLA controls",
    why: "tessera runs in one process on one device, without named axes, and compiles to its own kernels rather than XLA.",
    names: {
      "jax.numpy": ["from_dlpack"],
      "jax.lax": [
        "after_all", "all_gather", "all_to_all", "axis_index", "axis_size", "composite", "create_token", "dce_sink", "optimization_barrier",
        "pbroadcast", "pcast", "platform_dependent", "pmax", "pmean", "pmin", "ppermute", "precv", "psend", "pshuffle", "psum",
        "psum_scatter", "pswapaxes", "ragged_all_to_all", "rng_bit_generator", "rng_uniform", "stage", "with_sharding_constraint",
        ["approx_max_k", "`lax.topK` (exact)"], ["approx_min_k", "`lax.topK` of the negation (exact)"],
      ],
    },
  },
  {
    title: "Low-precision arithmetic",
    why: "There are no float16, bfloat16 or float8 dtypes to scale into or round to.",
    names: {
      "jax.nn": ["get_scaled_dot_general_config", "scaled_dot_general", "scaled_matmul"],
      "jax.lax": ["reduce_precision", "scaled_dot"],
    },
  },
  {
    title: "Python objects, printing and files",
    why: "They belong to Python's object model (iteration, printing options, dtype objects, files); tessera's counterpart, where there is one, is named.",
    names: {
      "jax.numpy": [
        ["array_repr", "`String(x)`"], ["array_str", "`String(x)`"], "get_printoptions", "set_printoptions", "printoptions",
        ["load", "`checkpoints.decodeJson`"], ["save", "`checkpoints.encodeJson`"], ["savez", "`checkpoints.encodeJson`"],
        "fromfile", ["frombuffer", "`np.array(typedArray)`"], ["fromiter", "`np.array([...])`"], "fromstring",
        ["frompyfunc", "`vmap`"], ["vectorize", "`vmap`"], "iterable", "isscalar", "einsum_path",
        ["ndim", "`x.ndim`"], ["shape", "`x.shape`"], ["size", "`x.size`"], ["copy", "the array itself (arrays are immutable)"],
        "can_cast", "promote_types", "result_type", "isdtype", "issubdtype",
      ],
      "jax.lax": [["dtype", "`x.dtype`"], "shape_as_value", "random_gamma_grad"],
    },
  },
  {
    title: "Typed keys",
    why: "tessera's keys are raw `uint32[2]` arrays (JAX's `PRNGKey` form): there are no typed key arrays to wrap, unwrap or inspect.",
    names: { "jax.random": [["key_data", "the key itself"], "wrap_key_data", "key_impl", "key_dtype", "clone"] },
  },
];

/**
 * JAX's public names that are not functions, by `"<namespace> <kind>"` (kinds as
 * test/fixtures/generate_jax_api.py sorts them): one line of the page each.
 */
export const OTHER_NAMES: Readonly<Record<string, string>> = {
  "jax.numpy classes":
    "Dtype objects (`jnp.float32`, ...), `dtype`, `finfo`, `iinfo`, `ndarray` and the scalar type hierarchy: dtypes are strings (`\"float32\"`, `\"float64\"`, `\"int32\"`, `\"uint32\"`, `\"bool\"`; the other dtypes are not provided), arrays are `NdArray`.",
  "jax.numpy values":
    "Constants and index helpers: use `Math.PI`, `Math.E`, `NaN`, `Infinity`; `newaxis` is `np.expandDims`; `s_`, `index_exp`, `r_`, `c_`, `mgrid` and `ogrid` are Python indexing syntax, not provided (slices are strings: `x.slice(\"1:3\")`).",
  "jax.nn.initializers classes": "`Initializer` is the type `models.Initializer`.",
  "jax.lax classes":
    "Option classes (`ConvDimensionNumbers`, `Precision`, `GatherDimensionNumbers`, ...): options are records (`lax.convDimensionNumbers` builds the convolution layout); no precision or algorithm choices.",
  "jax.lax types": "Type aliases for options: the option records' TypeScript types play their part.",
  "jax.lax primitives": "Primitive objects (`add_p`, ...): tessera's primitives are internal names in its own rule tables.",
  "jax.lax.linalg classes": "Algorithm choices (`EighImplementation`, `SvdAlgorithm`, ...): each decomposition has one algorithm.",
  "jax.lax.linalg primitives": "Primitive objects: internal, as for `jax.lax`.",
  "jax.random primitives": "`random_gamma_p`: internal, as for `jax.lax`.",
  "jax.scipy.stats classes":
    "`gaussian_kde` is `scipy.stats.gaussianKde(dataset, { bwMethod, weights })`, which returns a frozen record (`dataset`, `weights`, `d`, `n`, `neff`, `factor`, `covariance`, `invCov`: a pytree); the methods are functions on `scipy.stats.gaussianKde` taking it first (`evaluate`, `pdf`, `logpdf`, `integrateGaussian`, `integrateBox1d`, `integrateKde`, `resample(kde, key, shape)`, and `setBandwidth`, which returns a new record where JAX's raises); `integrateBox` is an error, as in JAX.",
};

/**
 * tessera functions in the mirrored namespaces that no JAX name maps to, with their JAX
 * counterpart or why they exist. A new tessera function must either match a JAX name or be
 * listed here, so the page stays a complete map.
 */
export const TESSERA_ONLY: Readonly<Record<string, string>> = {
  "np.at": "`x.at[...]` as a function: `np.at(x, i).set(v)`",
  "np.slice": "`x[...]` indexing as a function (`x.slice(...)`)",
  "np.rsqrt": "`lax.rsqrt` for arrays and JS numbers",
  "np.erf": "`jax.scipy.special.erf` (the same function as `scipy.special.erf`)",
  "np.erfc": "`jax.scipy.special.erfc` (the same function as `scipy.special.erfc`)",
  "np.erfinv": "`jax.scipy.special.erfinv` (the same function as `scipy.special.erfinv`)",
  "np.expit": "`jax.scipy.special.expit` (the same function as `scipy.special.expit`)",
  "np.topK": "`lax.top_k` for arrays and JS numbers",
  "lax.avgPool": "average pooling (flax's `avg_pool`) over `lax.reduceWindow`",
  "lax.maxPool": "max pooling (flax's `max_pool`) over `lax.reduceWindow`",
  "lax.threefry2x32": "`jax.random`'s threefry hash (`jax.prng.threefry_2x32`)",
  "scipy.stats.gaussianKde": "the class `jax.scipy.stats.gaussian_kde` as a record-building function with its methods on it (see the classes line above)",
};

/** The tessera namespaces whose every function must appear in the page (as a JAX name's target or in TESSERA_ONLY). */
export const MIRRORED = ["np", "nn", "lax", "random", "ops", "scipy"] as const;
