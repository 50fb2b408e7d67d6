// Stands in for dist/graft.js so this golden stays small; tests/conformance/preflight.test.ts runs the real bundle.
console.log("graft");
