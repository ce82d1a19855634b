package questions

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// TestBuiltinGenMatchesYAML checks that the generated code of every
// built-in rubric builds exactly the rubric its YAML parses to, positions
// aside, so the two can never drift apart unnoticed.
func TestBuiltinGenMatchesYAML(t *testing.T) {
	for _, id := range BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			data, _ := BuiltinYAML(id)
			g, ok := generatedBuiltins[id]
			if !ok || !g.matches(id) {
				t.Fatalf("builtin_gen.go has no code for rubrics/%s.yaml as it is now: run go generate ./questions", id)
			}
			want, err := parseBuiltin(id, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Builtin(id)
			if err != nil {
				t.Fatal(err)
			}
			if d := diff(reflect.ValueOf(got), reflect.ValueOf(want), "Rubric"); d != "" {
				t.Errorf("generated rubric differs from the parsed one (run go generate ./questions): %s", d)
			}
			if h := got.contentHash(); h != got.Hash() {
				t.Errorf("generated rubric hashes to %s, but its precomputed hash is %s", h, got.Hash())
			}
			for _, s := range got.Sections {
				for _, q := range s.Questions {
					if q.Section != s || got.Question(q.ID) != q {
						t.Fatalf("question %s is not linked to its section and rubric", q.ID)
					}
				}
			}
		})
	}
}

// diff returns the path and values of the first difference between a and b,
// or "". It compares unexported fields too; it skips positions, which the
// generated code leaves out, and the Question.Section back-pointer, which
// would make it go round in circles.
func diff(a, b reflect.Value, path string) string {
	switch a.Type() {
	case reflect.TypeFor[Pos](), reflect.TypeFor[[]Pos](), reflect.TypeFor[map[string]Pos]():
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %t, want nil %t", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return diff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if f.Name == "Section" && f.Type == reflect.TypeFor[*Section]() {
				continue
			}
			if d := diff(a.Field(i), b.Field(i), path+"."+f.Name); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: length %d (nil %t), want %d (nil %t)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for i := range a.Len() {
			if d := diff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: %d entries (nil %t), want %d (nil %t)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for it := b.MapRange(); it.Next(); {
			av := a.MapIndex(it.Key())
			if !av.IsValid() {
				return fmt.Sprintf("%s: no key %v", path, it.Key())
			}
			if d := diff(av, it.Value(), fmt.Sprintf("%s[%v]", path, it.Key())); d != "" {
				return d
			}
		}
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q, want %q", path, a.String(), b.String())
		}
	case reflect.Float64:
		// Bit for bit: -0 and 0 marshal, and so hash, differently.
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) {
			return fmt.Sprintf("%s: %g, want %g", path, a.Float(), b.Float())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s: %t, want %t", path, a.Bool(), b.Bool())
		}
	case reflect.Int:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d, want %d", path, a.Int(), b.Int())
		}
	default:
		return fmt.Sprintf("%s: cannot compare a %s: teach diff and the generator about it", path, a.Kind())
	}
	return ""
}

// TestBuiltinFresh checks that every call builds a new rubric, so that a
// caller changing one cannot change another's.
func TestBuiltinFresh(t *testing.T) {
	a, err := Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Builtin("five-warning-signs")
	a.Sections[0].Questions[0].Prompt = "changed"
	a.Bands.Low = 1
	if b.Sections[0].Questions[0].Prompt == "changed" || b.Bands.Low == 1 {
		t.Error("two calls of Builtin share a rubric")
	}
	for _, q := range a.Questions() {
		if q.Min != nil && q.Min == b.Question(q.ID).Min {
			t.Fatalf("question %s: two calls of Builtin share Min", q.ID)
		}
	}
}

// TestBuiltinStaleGen checks that generated code older than its YAML is not
// used: the rubric is parsed instead, as the positions it then has show.
func TestBuiltinStaleGen(t *testing.T) {
	const id = "five-warning-signs"
	g, ok := generatedBuiltins[id]
	if !ok {
		t.Skip("no generated code")
	}
	stale := g
	stale.crc ^= 1
	generatedBuiltins[id] = stale
	defer func() { generatedBuiltins[id] = g }()
	r, err := Builtin(id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sections[0].Pos.Line == 0 {
		t.Error("Builtin used generated code that does not match the YAML")
	}
	if got, want := r.Source, BuiltinSource; got != want {
		t.Errorf("Source = %q, want %q", got, want)
	}
}
