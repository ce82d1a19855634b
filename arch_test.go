package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestImportEdges keeps the architecture of STYLE.md honest: the domain
// packages import no UI and no output format; reports never imports the
// TUI or Charm; the answers files on disk (workspace) know no UI and no
// report format; plain mode has no Charm in it; the YAML and escaping
// helpers under internal/ depend on none of them; gate and portfolio read
// no files; workshop (merging
// respondents) sits between assessment and reports and reads no files.
func TestImportEdges(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/vitals-dev/vitals/"
	forbidden := map[string][]string{
		"questions":  {mod + "assessment", mod + "tui", mod + "reports", "charm.land/", "github.com/charmbracelet/"},
		"assessment": {mod + "tui", mod + "reports", "charm.land/", "github.com/charmbracelet/"},
		"reports":    {mod + "tui", mod + "workspace", mod + "plain", "charm.land/", "github.com/charmbracelet/"},
		"workspace":  {mod + "tui", mod + "reports", mod + "plain", "charm.land/", "github.com/charmbracelet/"},
		"plain":      {mod + "tui", "charm.land/", "github.com/charmbracelet/"},
		// workshop merges respondents: domain logic on top of assessment,
		// below reports, with no IO package of the project and no UI.
		"workshop": {mod + "tui", mod + "reports", mod + "workspace", mod + "plain", "charm.land/", "github.com/charmbracelet/"},
		// room (the workshop server) serves the tui over SSH; it does not
		// use plain mode, and no UI package below it knows about SSH.
		"room": {mod + "plain"},
		"tui":  {mod + "room", "charm.land/ssh", "charm.land/wish/"},
		// gate (vitals check) and portfolio judge and roll up scored runs:
		// they read no files (the caller scans them with workspace) and
		// show nothing on a screen.
		"gate":      {mod + "tui", mod + "workspace", mod + "plain", mod + "room", "charm.land/", "github.com/charmbracelet/"},
		"portfolio": {mod + "tui", mod + "workspace", mod + "plain", mod + "room", mod + "gate", "charm.land/", "github.com/charmbracelet/"},
		// The leaf helpers know nothing of rubrics, answers or screens.
		"internal/yamlfile":  {mod + "questions", mod + "assessment", mod + "workspace", mod + "tui", mod + "plain", mod + "reports", mod + "workshop", "charm.land/", "github.com/charmbracelet/"},
		"internal/printable": {mod + "questions", mod + "assessment", mod + "workspace", mod + "tui", mod + "plain", mod + "reports", mod + "workshop", mod + "internal/yamlfile", "charm.land/", "github.com/charmbracelet/"},
	}
	for pkg, bad := range forbidden {
		t.Run(pkg, func(t *testing.T) {
			if _, err := os.Stat(pkg); err != nil {
				t.Skipf("no package %s yet", pkg)
			}
			out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
			if err != nil {
				t.Fatalf("go list -deps ./%s: %v", pkg, err)
			}
			deps := strings.Fields(string(out))
			if len(deps) < 2 {
				t.Fatalf("go list returned too little: %q", out)
			}
			for _, d := range deps {
				for _, b := range bad {
					if strings.HasPrefix(d, b) {
						t.Errorf("%s depends on %s, which it must not", pkg, d)
					}
				}
			}
		})
	}
}
