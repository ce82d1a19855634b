package questions

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// loadSchema decodes Schema into generic JSON values.
func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatalf("schema.json is not valid JSON: %v", err)
	}
	return s
}

// schemaDef returns the schema object at a path of keys from the root.
func schemaDef(t *testing.T, root map[string]any, path ...string) map[string]any {
	t.Helper()
	cur := root
	for _, k := range path {
		next, ok := cur[k].(map[string]any)
		if !ok {
			t.Fatalf("schema has no object at %s", strings.Join(path, "/"))
		}
		cur = next
	}
	return cur
}

// schemaObjects names the schema objects that describe the rubric's
// mappings, with the path to each and the keys parse.go reads from it.
var schemaObjects = []struct {
	name string // as parse.go's messages call the mapping
	path []string
	keys []string
}{
	{"rubric", nil, rubricKeys},
	{"section", []string{"$defs", "section"}, sectionKeys},
	{"question", []string{"$defs", "question"}, questionKeys},
	{"option", []string{"$defs", "option"}, optionKeys},
	{"scoring band", []string{"$defs", "scoringBand"}, bandKeys},
	{"when", []string{"$defs", "condition"}, conditionKeys},
	{"rule", []string{"$defs", "rule"}, ruleKeys},
	{"rule condition", []string{"$defs", "choice"}, choiceKeys},
	{"bands", []string{"$defs", "bands"}, bandsKeys},
	{"business_case", []string{"$defs", "businessCase"}, caseKeys},
	{"recommendations", []string{"$defs", "section", "properties", "recommendations"}, recKeys},
	{"messages", []string{"properties", "messages"}, recKeys},
	{"workshop", []string{"properties", "workshop"}, workshopKeys},
}

func TestSchemaIsJSON(t *testing.T) {
	s := loadSchema(t)
	if got, want := s["$schema"], "https://json-schema.org/draft/2020-12/schema"; got != want {
		t.Errorf("$schema = %v, want %q", got, want)
	}
	b := Schema()
	b[0] = 'x'
	if Schema()[0] == 'x' {
		t.Errorf("Schema returns the embedded bytes, not a copy")
	}
}

// TestSchemaKeys checks that the schema describes exactly the keys the
// parser reads, so the two cannot drift apart.
func TestSchemaKeys(t *testing.T) {
	root := loadSchema(t)
	for _, obj := range schemaObjects {
		t.Run(obj.name, func(t *testing.T) {
			def := schemaDef(t, root, obj.path...)
			props, ok := def["properties"].(map[string]any)
			if !ok {
				t.Fatalf("no properties")
			}
			got := slices.Sorted(maps.Keys(props))
			want := slices.Sorted(slices.Values(obj.keys))
			if !slices.Equal(got, want) {
				t.Errorf("schema properties = %v\nparse.go keys      = %v", got, want)
			}
			if def["additionalProperties"] != false {
				t.Errorf("additionalProperties = %v, want false", def["additionalProperties"])
			}
		})
	}
}

// TestSchemaRequired checks the schema's required keys against the
// parser's: it parses an empty rubric and one in which every other kind of
// mapping is empty, and collects the keys reported missing.
func TestSchemaRequired(t *testing.T) {
	const empty = `bands: {}
business_case: {}
sections:
  - {}
  - id: s
    title: t
    questions:
      - {}
      - id: q
        prompt: p
        kind: single
        when: {}
        options: [{}, {}]
      - id: n
        prompt: p
        kind: number
        scoring: [{}]
      - id: m
        prompt: p
        kind: multi
        options: [{value: a, label: A}, {value: b, label: B}]
        rules: [{when: {}}]
`
	missing := map[string][]string{}
	re := regexp.MustCompile(`: (.+) is missing the required key "([^"]+)"`)
	for _, doc := range []string{"{}\n", empty} {
		_, err := ParseBytes("empty.yaml", []byte(doc))
		if err == nil {
			t.Fatalf("ParseBytes accepted:\n%s", doc)
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if m := re.FindStringSubmatch(line); m != nil && !slices.Contains(missing[m[1]], m[2]) {
				missing[m[1]] = append(missing[m[1]], m[2])
			}
		}
	}
	root := loadSchema(t)
	for _, obj := range schemaObjects {
		t.Run(obj.name, func(t *testing.T) {
			var req []string
			if list, ok := schemaDef(t, root, obj.path...)["required"].([]any); ok {
				for _, k := range list {
					req = append(req, fmt.Sprint(k))
				}
			}
			slices.Sort(req)
			want := slices.Sorted(slices.Values(missing[obj.name]))
			if !slices.Equal(req, want) {
				t.Errorf("schema requires %v, the parser %v", req, want)
			}
		})
	}
}

// TestSchemaDescriptions checks that every property the schema declares has
// a description, for editors to show as help, and that every $ref resolves.
func TestSchemaDescriptions(t *testing.T) {
	root := loadSchema(t)
	var check func(path string, node map[string]any)
	check = func(path string, node map[string]any) {
		props, _ := node["properties"].(map[string]any)
		for name, p := range props {
			prop, ok := p.(map[string]any)
			if !ok {
				t.Errorf("%s.%s is not a schema object", path, name)
				continue
			}
			if d, _ := prop["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("%s.%s has no description", path, name)
			}
			check(path+"."+name, prop)
		}
	}
	check("rubric", root)
	defs := schemaDef(t, root, "$defs")
	for name, d := range defs {
		def := d.(map[string]any)
		if desc, _ := def["description"].(string); strings.TrimSpace(desc) == "" {
			t.Errorf("$defs/%s has no description", name)
		}
		check(name, def)
	}

	refs := regexp.MustCompile(`"\$ref":\s*"([^"]*)"`).FindAllStringSubmatch(string(Schema()), -1)
	if len(refs) == 0 {
		t.Fatal("schema has no $ref")
	}
	for _, m := range refs {
		name, ok := strings.CutPrefix(m[1], "#/$defs/")
		if _, found := defs[name]; !ok || !found {
			t.Errorf("$ref %q does not resolve", m[1])
		}
	}
}

func TestSchemaEnums(t *testing.T) {
	root := loadSchema(t)
	enum := func(path ...string) []string {
		var out []string
		for _, v := range schemaDef(t, root, path...)["enum"].([]any) {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
	var kinds []string
	for _, k := range Kinds {
		kinds = append(kinds, string(k))
	}
	if got := enum("$defs", "question", "properties", "kind"); !slices.Equal(got, kinds) {
		t.Errorf("kind enum = %v, want %v", got, kinds)
	}
	risks := []string{string(RiskLow), string(RiskMedium), string(RiskHigh), string(RiskUnknown)}
	if got := enum("$defs", "risk"); !slices.Equal(got, risks) {
		t.Errorf("risk enum = %v, want %v", got, risks)
	}
}

// TestSchemaIDPattern checks the schema's id pattern against the parser's
// id check.
func TestSchemaIDPattern(t *testing.T) {
	pattern, _ := schemaDef(t, loadSchema(t), "$defs", "id")["pattern"].(string)
	re, err := regexp.Compile(pattern)
	if err != nil {
		t.Fatalf("id pattern %q: %v", pattern, err)
	}
	for _, id := range []string{
		"a", "0", "crm-health", "a.b_c-d", "q1", "9lives", strings.Repeat("a", 64), strings.Repeat("a", 65),
		"", "-a", ".a", "_a", "A", "aB", "a b", "a/b", "é", "a\n", "a:b",
	} {
		if got, want := re.MatchString(id), ValidID(id); got != want {
			t.Errorf("id %q: schema pattern says %t, parser says %t", id, got, want)
		}
	}
}
