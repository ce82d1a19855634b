package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// bashComplete sources `vitals completion bash` in bash and returns what
// TAB offers at the end of line, one completion per element.
func bashComplete(t *testing.T, dir, line string) []string {
	t.Helper()
	bin := buildVitals(t)
	// bash-completion provides _get_comp_words_by_ref, which cobra's script
	// calls. CI installs it; elsewhere a minimal stand-in splits the line
	// the same way for these plain words.
	setup := `_get_comp_words_by_ref() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }`
	if _, err := os.Stat("/usr/share/bash-completion/bash_completion"); err == nil {
		setup = "source /usr/share/bash-completion/bash_completion"
	} else if os.Getenv("CI") != "" {
		t.Fatal("bash-completion is not installed, and CI must test completion with it")
	}
	script := setup + `
source <(vitals completion bash)
COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
__start_vitals vitals "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
`
	cmd := exec.Command("bash", "-c", script, "bash", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	var got []string
	for l := range strings.SplitSeq(strings.TrimRight(string(out), "\n"), "\n") {
		// With several matches, bash shows "id  (description)".
		if w, _, _ := strings.Cut(l, " "); w != "" {
			got = append(got, w)
		}
	}
	return got
}

func TestBashCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	userRubrics := userRubricDir(t)
	example, err := os.ReadFile("questions/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		filepath.Join(userRubrics, "crm.yaml"):          string(example),
		filepath.Join(dir, "q1.answers.yaml"):           "format: 1\n",
		filepath.Join(dir, "notes.txt"):                 "",
		filepath.Join(dir, "old", "q0.answers.yaml"):    "format: 1\n",
		filepath.Join(dir, "rubrics", "mine.yaml"):      "id: mine\n",
		filepath.Join(dir, "rubrics", "not-yaml.json"):  "{}",
		filepath.Join(dir, ".hidden", "x.answers.yaml"): "",
		filepath.Join(dir, "more", "extra.yaml"):        strings.Replace(string(example), "id: crm-health", "id: extra-rubric", 1),
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		line      string
		want, not []string
	}{
		{"vitals assess --rubric fi", []string{"five-warning-signs"}, nil},
		{"vitals assess --rubric ", []string{"five-warning-signs", "adoption-readiness", "crm-health", "rubrics/"}, []string{"q1.answers.yaml"}},
		{"vitals --rubric cr", []string{"crm-health"}, nil},
		{"vitals assess --rubrics more/extra.yaml --rubric ex", []string{"extra-rubric"}, nil},
		{"vitals assess --rubric ex", nil, []string{"extra-rubric"}},
		{"vitals rubric export a", []string{"adoption-readiness"}, nil},
		{"vitals rubric export ", []string{"five-warning-signs", "adoption-readiness"}, []string{"crm-health"}},
		{"vitals report ", []string{"q1.answers.yaml", "old/"}, []string{"notes.txt", ".hidden/"}},
		{"vitals report old/", []string{"old/q0.answers.yaml"}, nil},
		{"vitals assess --answers ", []string{"q1.answers.yaml", "old/"}, []string{"notes.txt"}},
		{"vitals validate rubrics/", []string{"rubrics/mine.yaml"}, []string{"rubrics/not-yaml.json"}},
		{"vitals report q1.answers.yaml --format ", []string{"md", "json"}, nil},
		{"vitals report q1.answers.yaml --fail-on ", []string{"medium", "high"}, nil},
		{"vitals as", []string{"assess"}, nil},
		{"vitals assess --ru", []string{"--rubric", "--rubrics"}, nil},
		{"vitals help rep", []string{"report"}, nil},
		{"vitals completion ", []string{"bash", "zsh", "fish", "powershell"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got := bashComplete(t, dir, tt.line)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("TAB offers %q, not %q", got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("TAB offers %q, with %q", got, w)
				}
			}
		})
	}
}

// Folders complete with no space after them, so TAB goes on inside;
// answers files alone with one.
func TestCompleteFilesDirective(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("sub/a.answers.yaml", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, directive := completeAnswersFiles(nil, nil, "s")
	if !slices.Equal(got, []string{"sub/"}) || directive&cobra.ShellCompDirectiveNoSpace == 0 {
		t.Errorf("got %q, directive %d; want sub/ and no space", got, directive)
	}
	got, directive = completeAnswersFiles(nil, nil, "sub/")
	if !slices.Equal(got, []string{"sub/a.answers.yaml"}) || directive&cobra.ShellCompDirectiveNoSpace != 0 {
		t.Errorf("got %q, directive %d; want the file and a space", got, directive)
	}
}
