package questions

import (
	"bytes"
	_ "embed"
)

//go:embed schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the rubric format, for
// editors that check YAML against a schema, such as those using
// yaml-language-server: it gives completion, a description of every key and
// inline errors for unknown keys, wrong types and out-of-range values. It
// cannot express every rule (unique ids, references between questions), so
// ParseBytes remains the authority. The result is a fresh copy.
func Schema() []byte { return bytes.Clone(schemaJSON) }
