package questions

import (
	"encoding/json"
	"slices"
	"testing"
)

// schemaRule is one of the question schema's "allOf" rules: if the kind
// is one of some kinds, else these keys are forbidden (false).
type schemaRule struct {
	If struct {
		Properties struct {
			Kind struct {
				Enum  []Kind `json:"enum"`
				Const Kind   `json:"const"`
			} `json:"kind"`
		} `json:"properties"`
	} `json:"if"`
	Else struct {
		Properties map[string]json.RawMessage `json:"properties"`
	} `json:"else"`
}

// The JSON Schema forbids each kind-bound key on exactly the kinds that
// kindKeys does not give it to, so editors and vitals validate alike.
func TestSchemaFollowsKindTable(t *testing.T) {
	var schema struct {
		Defs map[string]struct {
			AllOf []schemaRule `json:"allOf"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	allowed := map[string][]Kind{} // key: kinds the schema lets have it
	for _, def := range schema.Defs {
		for _, rule := range def.AllOf {
			kinds := rule.If.Properties.Kind.Enum
			if c := rule.If.Properties.Kind.Const; c != "" {
				kinds = []Kind{c}
			}
			for key, v := range rule.Else.Properties {
				if string(v) == "false" {
					allowed[key] = kinds
				}
			}
		}
	}
	for _, kk := range kindKeys {
		got := allowed[kk.key]
		if got == nil {
			t.Errorf("schema.json does not forbid %s on any kind; kindKeys gives it only to %v", kk.key, kk.kinds)
			continue
		}
		want := slices.Clone(kk.kinds)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("schema.json allows %s for %v, kindKeys for %v", kk.key, got, want)
		}
		delete(allowed, kk.key)
	}
	for key, kinds := range allowed {
		t.Errorf("schema.json limits %s to %v, which kindKeys does not list", key, kinds)
	}
	// Every kind takes every common key, and only its own kind-bound ones.
	for _, k := range Kinds {
		for _, key := range questionKeys {
			if bound := slices.ContainsFunc(kindKeys, func(kk struct {
				key   string
				kinds []Kind
			}) bool {
				return kk.key == key
			}); !bound && !k.Takes(key) {
				t.Errorf("%s does not take the common key %s", k, key)
			}
		}
	}
}
