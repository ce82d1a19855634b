package questions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	override := strings.Replace(string(example), "id: crm-health", "id: adoption-readiness", 1)
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(override), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yml"), []byte("id: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r, err := Find("adoption-readiness", filepath.Join(t.TempDir(), "missing"), dir)
	if r == nil || r.Source != filepath.Join(dir, "mine.yaml") {
		t.Fatalf("Find did not return the user rubric that replaces the built-in: %v, %v", r, err)
	}
	if err == nil || !strings.Contains(err.Error(), "broken.yml:2:1:") {
		t.Errorf("the broken user rubric is not reported with its position: %v", err)
	}

	r, err = Find("five-warning-signs")
	if err != nil || r.Source != BuiltinSource {
		t.Errorf("Find(five-warning-signs) = %v, %v; want the built-in", r, err)
	}

	_, err = Find("five-warning-sign")
	if err == nil || !strings.Contains(err.Error(), `did you mean "five-warning-signs"?`) {
		t.Errorf("unknown id: want a did-you-mean hint, got %v", err)
	}
}
