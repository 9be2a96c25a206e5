// Package learn holds newsgraph's one learner: a multiclass linear model
// over hashed features, trained as an averaged perceptron, with its
// weights written compactly so that a model can be embedded in the binary.
//
// A feature is a hashed string (F("w=").Str(word)): no feature table is
// kept, so models are small and features cost no allocation. Training is
// deterministic: the same examples in the same order give the same weights,
// byte for byte.
package learn
