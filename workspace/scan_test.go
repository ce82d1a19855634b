package workspace

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanGroupsProjects(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "team", "assessments"), 0o755))
	must(os.MkdirAll(filepath.Join(dir, "team", "workshop"), 0o755))
	must(os.MkdirAll(filepath.Join(dir, ".git", "old"), 0o755))
	must(os.MkdirAll(filepath.Join(dir, "node_modules"), 0o755))
	a := filepath.Join(dir, "team", "assessments")
	// Acme: two dated runs linked by project id though renamed, and one
	// started after them and not finished.
	quarter(t, filepath.Join(a, "2026-04-10-acme.answers.yaml"), "Acme CRM", "acme-crm", "2026-04-10")
	quarter(t, filepath.Join(a, "2026-07-10-acme-platform.answers.yaml"), "Acme platform", "acme-crm", "2026-07-10")
	quarter(t, filepath.Join(a, "2026-08-01-acme.answers.yaml"), "Acme platform", "acme-crm", "2026-08-01")
	unfinish(t, filepath.Join(a, "2026-08-01-acme.answers.yaml"))
	// Globex: no id, matched by the name's slug.
	quarter(t, filepath.Join(a, "globex.answers.yaml"), "Globex ERP", "", "2026-05-01")
	// A workshop: three files, one run dated by the latest.
	w := filepath.Join(dir, "team", "workshop")
	for i, who := range []string{"ann", "bob", "cy"} {
		p := filepath.Join(w, who+".answers.yaml")
		quarter(t, p, "Acme CRM", "acme-crm", "2026-09-0"+string(rune('1'+i)))
		data, _ := os.ReadFile(p)
		must(os.WriteFile(p, []byte(strings.Replace(string(data), "complete: true\n", "complete: true\nworkshop:\n  mode: named\n", 1)), 0o644))
	}
	// Never read: hidden folders, node_modules, a broken file is an error.
	quarter(t, filepath.Join(dir, ".git", "old", "x.answers.yaml"), "Hidden", "", "2026-01-01")
	quarter(t, filepath.Join(dir, "node_modules", "y.answers.yaml"), "Module", "", "2026-01-01")
	must(os.WriteFile(filepath.Join(a, "broken.answers.yaml"), []byte("format: 1\nrubric: [\n"), 0o644))

	projects, errs, err := Scan(context.Background(), []string{dir, filepath.Join(a, "globex.answers.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.answers.yaml") {
		t.Errorf("errors %v, want the broken file", errs)
	}
	if len(projects) != 2 {
		t.Fatalf("%d projects: %+v", len(projects), projects)
	}
	acme, globex := projects[0], projects[1]
	if acme.Key != "acme-crm" || globex.Key != "globex-erp" {
		t.Fatalf("keys %q %q", acme.Key, globex.Key)
	}
	if len(acme.Runs) != 3 {
		t.Fatalf("acme runs %+v", acme.Runs)
	}
	latest := acme.Latest()
	if latest.Workshop != "named" || len(latest.Files()) != 3 || latest.Updated.Format("2006-01-02") != "2026-09-03" {
		t.Errorf("latest run %+v", latest)
	}
	if prev := acme.Previous(); prev.Workshop != "" || filepath.Base(prev.Files()[0]) != "2026-07-10-acme-platform.answers.yaml" {
		t.Errorf("previous run %+v", prev)
	}
	if acme.Name != "Acme CRM" {
		t.Errorf("name %q, from the latest run", acme.Name)
	}
	// The unfinished run of 2026-08-01 is older than the workshop: not
	// pending any more.
	if len(acme.Unfinished) != 0 {
		t.Errorf("unfinished %+v", acme.Unfinished)
	}
	if len(globex.Runs) != 1 || globex.Name != "Globex ERP" {
		t.Errorf("globex (named twice, read once) %+v", globex)
	}

	if _, _, err := Scan(context.Background(), []string{filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "missing: no such file or directory") {
		t.Errorf("a missing folder: %v", err)
	}
}

func unfinish(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), "complete: true", "complete: false", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
