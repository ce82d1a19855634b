package questions

import (
	"slices"
	"strings"
)

// kindKeys are the question keys that only some kinds take, and the kinds
// that take them: the one table that parsing (a key on another kind is a
// problem), Kind.Takes and the JSON Schema's per-kind rules (a test holds
// schema.json to it) follow. Keys not listed are for every kind.
var kindKeys = []struct {
	key   string
	kinds []Kind
}{
	{"options", []Kind{Single, Multi, YesNo}},
	{"scoring", []Kind{Number, Scale, Date}},
	{"unit", []Kind{Number, Scale}},
	{"min", []Kind{Number, Scale}},
	{"max", []Kind{Number, Scale}},
	{"low_label", []Kind{Scale}},
	{"high_label", []Kind{Scale}},
	{"relative_to", []Kind{Date}},
	{"rules", []Kind{Multi}},
	// Free text is never scored: there is nothing to leave out.
	{"not_applicable", []Kind{Single, Multi, Scale, YesNo, Number, Date}},
}

// Takes reports whether a question of kind k may have key: every kind
// takes the common keys (id, prompt, weight…); the others are in kindKeys.
func (k Kind) Takes(key string) bool {
	for _, kk := range kindKeys {
		if kk.key == key {
			return slices.Contains(kk.kinds, k)
		}
	}
	return slices.Contains(questionKeys, key)
}

// HasOptions reports whether questions of this kind have options.
func (k Kind) HasOptions() bool { return k.Takes("options") }

// kindsTaking names the kinds that take key, for messages: "number, scale
// and date".
func kindsTaking(key string) string {
	for _, kk := range kindKeys {
		if kk.key == key {
			names := make([]string, len(kk.kinds))
			for i, k := range kk.kinds {
				names[i] = string(k)
			}
			if len(names) == 1 {
				return names[0]
			}
			return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
		}
	}
	return "all"
}

// wholeBounds reports whether the kind's min and max must be whole numbers
// and both given: a scale's points are counted between them.
func (k Kind) wholeBounds() bool { return k == Scale }
