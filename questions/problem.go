package questions

import (
	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/internal/yamlfile"
)

// Problem is one thing wrong with an input file, at a position.
type Problem = yamlfile.Problem

// Problems is every problem found in one or more files. It is an error; its
// message has one problem per line.
type Problems = yamlfile.Problems

// fields decodes a rubric's YAML nodes, adding the rubric's own value
// types (ids, scores, weights, risks) to yamlfile's.
type fields struct{ *yamlfile.Fields }

func newFields(name string, probs Problems) *fields {
	return &fields{&yamlfile.Fields{File: name, Probs: probs}}
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }
