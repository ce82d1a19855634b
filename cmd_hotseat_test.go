package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/workspace"
)

const hotSeatRubric = "reports/testdata/rubrics/app-modernisation.yaml"

// One keyboard, plain mode: two participants answer in turn into files of
// their own, the round ends, and the merged report is in the folder. An
// anonymous round asks no name, keeps none, and its report names nobody.
func TestHotSeatPlain(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, anonymous := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "room")
		args := []string{"assess", "--accessible", "--workshop", dir, "--rubric", hotSeatRubric, "--project", "Claims portal"}
		who1, who2 := "Annika Zed\nsponsor\n", "Bohdan Quill\nuser\n"
		if anonymous {
			args = append(args, "--anonymous")
			who1, who2 = "sponsor\n", "user\n"
		}
		in := "\n" + who1 + "1\nour vendor builds it\n1\n\n1\n\n1\n\n100\n\n" + // participant 1
			"\n" + who2 + "4\n\nd\n\n3\n\n3\n\n900\n\n" + // participant 2
			"e\n"
		_, stderr, code := runCLI(t, in, args...)
		if code != 0 {
			t.Fatalf("anonymous %v: exit %d\n%s", anonymous, code, stderr)
		}
		// The hand-over after participant 1 shows nothing of their answers.
		second := stderr[strings.Index(stderr, "Thank you: your answers are saved."):]
		handOver := second[:strings.Index(second, "vitals assessment, plain mode")]
		for _, secret := range []string{"our vendor builds it", "Annika", "In version control"} {
			if strings.Contains(handOver, secret) {
				t.Errorf("anonymous %v: the hand-over shows %q:\n%s", anonymous, secret, handOver)
			}
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*-p0?.answers.yaml"))
		if len(files) != 2 {
			t.Fatalf("anonymous %v: participant files %v, want 2", anonymous, files)
		}
		for _, f := range files {
			h, err := workspace.ReadHeader(f)
			want := assessment.WorkshopNamed
			if anonymous {
				want = assessment.WorkshopAnonymous
			}
			if err != nil || h.Workshop != want || !h.Complete || (anonymous && h.Respondent.Name != "") {
				t.Errorf("%s: header %+v, %v", f, h, err)
			}
		}
		reports, _ := filepath.Glob(filepath.Join(dir, "*-workshop.md"))
		if len(reports) != 1 {
			t.Fatalf("anonymous %v: reports %v, want one", anonymous, reports)
		}
		md, _ := os.ReadFile(reports[0])
		for _, name := range []string{"Annika", "Bohdan"} {
			if got := strings.Contains(string(md), name); got == anonymous {
				t.Errorf("anonymous %v: report names %s: %v", anonymous, name, got)
			}
		}
		if !strings.Contains(stderr, "Workshop report: "+reports[0]) {
			t.Errorf("anonymous %v: the end does not say where the report is:\n%s", anonymous, stderr)
		}
	}
}

// A round goes on where it stopped, in its own mode; flags that would
// change it are refused before anything is asked.
func TestHotSeatGoesOn(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "room")
	start := []string{"assess", "--accessible", "--workshop", dir, "--rubric", hotSeatRubric, "--project", "Claims portal"}
	if _, stderr, code := runCLI(t, "\nAnn\n\n1\n\n1\n\n1\n\n1\n\n100\n\ne\n", start...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{append(start, "--anonymous"), "holds a named round"},
		{[]string{"assess", "--accessible", "--workshop", dir, "--rubric", hotSeatRubric, "--project", "Other"}, `holds a round of project "Claims portal"`},
		{[]string{"assess", "--accessible", "--workshop", dir, "--respondent", "Ann"}, "--respondent cannot go with --workshop"},
		{[]string{"assess", "--accessible", "--anonymous"}, "--anonymous goes with --workshop"},
		{[]string{"assess", "--accessible", "--workshop", filepath.Join(t.TempDir(), "new")}, "--workshop needs --rubric and --project"},
	} {
		if _, stderr, code := runCLI(t, "", tt.args...); code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args[3:], code, stderr, tt.want)
		}
	}
	// Without the flags: the round's own rubric and project, the next number.
	_, stderr, code := runCLI(t, "\nBo\n\n4\n\nd\n\n3\n\n3\n\n900\n\ne\n", "assess", "--accessible", "--workshop", dir, "--rubrics", hotSeatRubric)
	if code != 0 || !strings.Contains(stderr, "going on with the named round") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*-p02.answers.yaml")); len(files) != 1 {
		t.Errorf("the second participant's file: %v", files)
	}
}
