package yamlfile

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/internal/testrubric"
)

// yamlNodes counts the nodes the parser builds for data; ok is false when
// it does not parse.
func yamlNodes(data []byte) (n int, ok bool) {
	loader, err := yaml.NewLoader(bytes.NewReader(data))
	if err != nil {
		return 0, false
	}
	for range 100 {
		var doc yaml.Node
		if err := loader.Load(&doc); err != nil {
			return n, n > 0
		}
		var walk func(*yaml.Node)
		walk = func(x *yaml.Node) {
			n++
			for _, c := range x.Content {
				walk(c)
			}
		}
		walk(&doc)
	}
	return n, n > 0
}

// checkBound fails when the parser builds more nodes than countValues
// allows for: the pre-scan must never let a file under its limit hide
// values from it.
func checkBound(t *testing.T, name string, data []byte) {
	t.Helper()
	nodes, ok := yamlNodes(data)
	if !ok || len(data) > 1<<20 {
		return
	}
	marks, _, _, _ := countValues(data, math.MaxInt)
	// A document node, a root and a mapping or list per line at most.
	if bound := 3*marks + 3; nodes > bound {
		t.Errorf("%s: %d nodes, but countValues counted %d places (bound %d)", name, nodes, marks, bound)
	}
}

func TestCountValuesBoundsTheParser(t *testing.T) {
	for _, pattern := range []string{"../../questions/rubrics/*.yaml", "../../questions/testdata/bad/*.yaml", "../../questions/testdata/example.yaml", "../../reports/testdata/rubrics/*.yaml", "../../reports/testdata/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Fatalf("no file matches %s", pattern)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkBound(t, f, data)
		}
	}
	checkBound(t, "generated", testrubric.Generate(300))
	for name, src := range map[string]string{
		"flow":           "a: [1, 2, [3, 4], {b: 5, c: [6]}]\n",
		"compact":        "- - - - x\n- ? a\n  : b\n",
		"quotes":         "a: \"x, [1,2,3], y: z\"\nb: 'it''s [1,2]'\nc: plain \"quote [1,2,3]\n",
		"comments":       "a: 1 # [1,2,3,4]\n# - x\nb: [1, # c\n 2]\n",
		"block":          "a: |\n  [1,2,3]\n  - x\nb: >\n  y: z\n",
		"plain in flow":  "[a b, c d, e]\n",
		"empty in flow":  "[, , ,]\n",
		"quote in plain": "a: x\"\nb: [1,1,1,1,1,1,1,1]\nc: \"\n",
	} {
		checkBound(t, name, []byte(src))
	}
}

// A file of a million tiny values is refused before it is parsed, at the
// first value over the limit.
func TestReadYAMLLimitRefusesEarly(t *testing.T) {
	data := []byte("answers:\n  q: {value: [" + string(bytes.Repeat([]byte("x,"), 1_000_000)) + "x]}\n")
	_, probs := ReadYAMLLimit("big.yaml", data, 1000)
	if len(probs) != 1 || probs[0].Line != 2 || probs[0].Msg != "file holds more than 1000 YAML values; this is the first one over" {
		t.Fatalf("problems = %v", probs)
	}
	if _, probs := ReadYAMLLimit("small.yaml", []byte("a: [1, 2, 3]\n"), 1000); len(probs) != 0 {
		t.Errorf("a small file was refused: %v", probs)
	}
}

// FuzzCountValues checks the bound on any input the parser accepts.
func FuzzCountValues(f *testing.F) {
	f.Add([]byte("a: [1, 2, {b: c}]\n- x\n"))
	f.Add([]byte("a: \"[1,2]\" # [3]\nb: 'x''[y]'\n"))
	f.Add([]byte("? a\n: - - b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		checkBound(t, "fuzz", data)
	})
}
