/**
 * A first tour of tessera: immutable arrays, broadcasting, numpy-style reductions, explicit-key
 * random numbers, linear algebra, pytrees and transforms. Run with `npx tsx examples/tour.ts`.
 */
import { grad, makeJaxpr, nn, np, random, tree, vmap, type ArrayValue } from "../index.js";

const section = (title: string) => console.log(`\n== ${title} ==`);

section("Arrays print like numpy and never change");
const x = np.array([[1, 2, 3], [4, 5, 6]]);
console.log("x =", x);
const y = x.mul(10);
console.log("x.mul(10) =", y);
console.log("x is unchanged:", x.toArray());

section("Broadcasting: a column plus a row");
const column = np.arange(3).reshape([3, 1]);
const row = np.array([0, 10, 20, 30]);
console.log(np.add(column, row));

section("Reductions with {axis, keepdims}");
console.log("sum over rows   :", x.sum({ axis: 0 }));
console.log("mean of each row:", x.mean({ axis: 1, keepdims: true }));
console.log("argmax per row  :", np.argmax(x, { axis: 1 }));

section("Random numbers from explicit keys (bit-identical to JAX)");
const key = random.key(0);
const [k1, k2] = random.split(key);
console.log("uniform(key(0), [3]) =", random.uniform(key, [3]));
console.log("normal(k1, [2, 3])   =", random.normal(k1, [2, 3]));
console.log("same key, same numbers:", random.normal(k1, [2, 3]).toArray());
console.log("permutation(k2, 8)   =", random.permutation(k2, 8));

section("Linear algebra");
const a = np.array([[4, 2], [2, 3]], { dtype: "float64" });
console.log("cholesky(a) =", np.linalg.cholesky(a));
console.log("solve(a, [2, 1]) =", np.linalg.solve(a, np.array([2, 1], { dtype: "float64" })));
const [w] = np.linalg.eigh(a);
console.log("eigenvalues =", w);

section("Neural-network building blocks");
const logits = np.array([[1e4, 0, -1e4], [1, 2, 3]]);
console.log("softmax    =", nn.softmax(logits));
console.log("logsumexp  =", nn.logsumexp(logits, { axis: -1 }), "(finite for logits of 1e4)");
console.log("gelu       =", nn.gelu(np.linspace(-2, 2, 5)));

section("Pytrees: params records flatten to leaves and back");
const params = { layer1: { w: np.ones([2, 2]), b: np.zeros([2]) }, scale: 0.5 };
const [leaves, def] = tree.flatten(params);
console.log(`${leaves.length} leaves, structure ${tree.treedefToString(def)}`);
const doubled = tree.map(params, (leaf) => (typeof leaf === "number" ? leaf * 2 : np.multiply(leaf, 2)));
console.log("doubled.layer1.w =", (doubled as typeof params).layer1.w);

section("Transforms: grad, vmap and jaxprs compose");
const f = (x: ArrayValue) => np.sum(np.tanh(x));
console.log("grad(sum(tanh))(x)      =", grad(f)(np.array([0, 0.5, 1])));
console.log("grad(grad(tanh))(0.5)   =", grad(grad((t: ArrayValue) => np.tanh(t)))(np.array(0.5)), "(= -2 tanh sech^2)");
const loss = (w: ArrayValue, x: ArrayValue) => np.square(np.dot(w, x));
console.log("per-example gradients   =", vmap(grad(loss), { inAxes: [null, 0] })(np.array([1, 2]), np.array([[1, 0], [0, 1], [1, 1]])));
console.log("the jaxpr of grad(sum(tanh)):");
console.log(String(makeJaxpr(grad(f))(np.zeros([3]))));
