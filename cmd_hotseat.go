package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/plain"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/tui"
	"github.com/vitals-dev/vitals/workspace"
)

// The one-keyboard workshop: vitals assess --workshop DIR. Participants
// answer one after the other at one terminal, each into an answers file of
// their own in DIR; between two of them a hand-over screen shows nothing
// of the last one's answers; ending the round writes the merged workshop
// report into DIR, through the same code as vitals report DIR.

// seatFile matches a participant's answers file: …-p07.answers.yaml.
var seatFile = regexp.MustCompile(`-p(\d+)\.answers\.yaml$`)

// hotSeat is a round in progress.
type hotSeat struct {
	dir, rubric, project, mode string
	rubricFlag                 string // --rubric as given: a file path reaches the report
	next                       int    // the next participant's number
	files                      []string
}

// openHotSeat settles the round: the rubric, project and mode come from the
// flags, or from the files of a round already in DIR, which must agree.
func openHotSeat(e *env, cfg *workspace.Config, dir, rubricFlag string, anonymous bool) (*hotSeat, error) {
	for _, f := range []struct {
		flag string
		set  bool
	}{{"answers", cfg.AnswersPath != ""}, {"out", cfg.OutPath != ""}, {"respondent", cfg.Respondent != ""}, {"role", cfg.Role != ""}} {
		if f.set {
			return nil, usagef("--%s cannot go with --workshop: each participant's file, name and role are their own", f.flag)
		}
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, usagef("--workshop %s is not a folder", printable.Line(dir))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, inputError{fmt.Errorf("workshop folder: %w", err)}
	}
	hs := &hotSeat{dir: dir, rubric: cfg.Rubric, project: strings.TrimSpace(cfg.Project), rubricFlag: rubricFlag, next: 1}
	if anonymous {
		hs.mode = assessment.WorkshopAnonymous
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, inputError{fmt.Errorf("workshop folder: %w", err)}
	}
	var earlier *assessment.Header
	for _, en := range entries {
		path := filepath.Join(dir, en.Name())
		if !workspace.IsAnswersFile(en.Name()) || en.IsDir() {
			continue
		}
		h, err := workspace.ReadHeader(path)
		if err != nil || h.Workshop == "" {
			continue // not a participant's file: vitals report says what is wrong with it
		}
		hs.files = append(hs.files, path)
		if m := seatFile.FindStringSubmatch(en.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= hs.next {
				hs.next = n + 1
			}
		}
		if earlier == nil {
			earlier = &h
		}
	}
	if earlier != nil {
		// Going on with a round: it keeps what it started with.
		switch {
		case hs.rubric != "" && hs.rubric != earlier.Rubric.ID:
			return nil, usagef("--workshop %s holds a round of rubric %s, not %s", printable.Line(dir), printable.Line(earlier.Rubric.ID), printable.Line(hs.rubric))
		case hs.project != "" && hs.project != earlier.Project:
			return nil, usagef("--workshop %s holds a round of project %q, not %q", printable.Line(dir), printable.Line(earlier.Project), printable.Line(hs.project))
		case anonymous && earlier.Workshop != assessment.WorkshopAnonymous:
			return nil, usagef("--workshop %s holds a named round; its mode was fixed when it started (use another folder for an anonymous one)", printable.Line(dir))
		}
		hs.rubric, hs.project, hs.mode = earlier.Rubric.ID, earlier.Project, earlier.Workshop
		r, err := cfg.Catalog.Lookup(hs.rubric)
		if err != nil {
			return nil, inputError{fmt.Errorf("the round's rubric (give its file with --rubric): %w", err)}
		}
		if r.Source != questions.BuiltinSource {
			hs.rubricFlag = r.Source // the report reads the same file
		}
		fmt.Fprintf(e.stderr, "vitals: going on with the %s round in %s: %d %s so far.\n", hs.mode, printable.Line(dir), len(hs.files), plural(len(hs.files), "participant", "participants"))
	} else {
		if hs.rubric == "" || hs.project == "" {
			return nil, usagef("--workshop needs --rubric and --project to start a round in %s", printable.Line(dir))
		}
		if hs.mode == "" {
			hs.mode = assessment.WorkshopNamed
		}
	}
	return hs, nil
}

// participant is the configuration of the next participant's run.
func (hs *hotSeat) participant(base workspace.Config) *workspace.Config {
	cfg := base
	cfg.Dir, cfg.Rubric, cfg.Project = hs.dir, hs.rubric, hs.project
	cfg.Respondent, cfg.Role, cfg.OutPath = "", "", ""
	cfg.Workshop = hs.mode
	day := cfg.Clock().Format(assessment.DateLayout)
	for {
		name := fmt.Sprintf("%s-%s-%s-p%02d.answers.yaml", day, workspace.Slug(hs.project), hs.rubric, hs.next)
		cfg.AnswersPath = filepath.Join(hs.dir, name)
		hs.next++
		if _, err := os.Lstat(cfg.AnswersPath); errors.Is(err, os.ErrNotExist) {
			return &cfg
		}
	}
}

// status is what the hand-over screen says about the round.
func (hs *hotSeat) status() []string {
	finished := 0
	for _, f := range hs.files {
		if h, err := workspace.ReadHeader(f); err == nil && h.Complete {
			finished++
		}
	}
	mode := "named: the report says who answered what"
	if hs.mode == assessment.WorkshopAnonymous {
		mode = "anonymous: nobody's name is asked or kept"
	}
	return []string{
		fmt.Sprintf("Project %s, rubric %s; %s.", hs.project, hs.rubric, mode),
		fmt.Sprintf("%d %s so far, %d finished. Answers files: %s", len(hs.files), plural(len(hs.files), "participant", "participants"), finished, hs.dir),
	}
}

// runHotSeat runs the round until the facilitator ends it.
func runHotSeat(e *env, cfg workspace.Config, dir, rubricFlag string, anonymous, linewise bool) error {
	hs, err := openHotSeat(e, &cfg, dir, rubricFlag, anonymous)
	if err != nil {
		return err
	}
	var seat *plain.Seat
	if linewise {
		seat = plain.NewSeat(e.ctx, e.stdin, e.stderr)
		defer seat.Close()
	}
	title := "Workshop · " + hs.project
	for {
		var next bool
		if linewise {
			next, err = seat.HandOver(append([]string{title}, hs.status()...))
		} else {
			var c tui.HandOverChoice
			c, err = tui.HandOver(e.ctx, e.stdin, e.stderr, title, hs.status())
			next = c == tui.NextParticipant
		}
		if err != nil {
			return hotSeatStopped(e, hs, err)
		}
		if !next {
			break
		}
		pcfg := hs.participant(cfg)
		var out workspace.Outcome
		if linewise {
			out, err = seat.Run(pcfg)
		} else {
			out, err = tui.Run(e.ctx, e.stdin, e.stderr, pcfg)
		}
		if out.AnswersPath != "" && !slices.Contains(hs.files, out.AnswersPath) {
			hs.files = append(hs.files, out.AnswersPath)
		}
		switch {
		case errors.Is(err, tui.ErrQuit):
			// A participant who stops keeps their file; the round goes on.
			continue
		case err != nil:
			return hotSeatStopped(e, hs, err)
		}
	}
	return endRound(e, hs)
}

// hotSeatStopped says how to go on with a round stopped by a signal, a
// closed input or ctrl+c on the hand-over screen.
func hotSeatStopped(e *env, hs *hotSeat, err error) error {
	fmt.Fprintf(e.stderr, "vitals: the workshop round stopped; every participant's answers so far are in %s.\nGo on with: vitals assess --workshop %s\n", printable.Line(hs.dir), printable.Line(hs.dir))
	switch {
	case errors.Is(err, tui.ErrQuit), errors.Is(err, context.Canceled), e.ctx.Err() != nil:
		return errInterrupted
	}
	return err
}

// endRound writes the merged report of the round into its folder.
func endRound(e *env, hs *hotSeat) error {
	if len(hs.files) == 0 {
		fmt.Fprintf(e.stderr, "vitals: the round ended with no participant, so there is no report. Start it again with vitals assess --workshop %s\n", printable.Line(hs.dir))
		return nil
	}
	day := ""
	for _, f := range hs.files {
		if h, err := workspace.ReadHeader(f); err == nil {
			if d := h.Updated.UTC().Format(assessment.DateLayout); d > day {
				day = d
			}
		}
	}
	out := filepath.Join(hs.dir, fmt.Sprintf("%s-%s-%s-workshop.md", day, workspace.Slug(hs.project), hs.rubric))
	opts := &reportOptions{out: out, format: "md", rubric: hs.rubricFlagFile(), force: true, files: []string{hs.dir}}
	opts.workshop.anonymous = hs.mode == assessment.WorkshopAnonymous
	if err := runWorkshopReport(e, opts, reports.Markdown, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Workshop report: %s\nAnswers files: %d in %s\n", printable.Line(out), len(hs.files), printable.Line(hs.dir))
	return nil
}

// rubricFlagFile is --rubric when it named a file: the report reads the
// same rubric file.
func (hs *hotSeat) rubricFlagFile() string {
	if hs.rubricFlag == "" {
		return ""
	}
	if fi, err := os.Stat(hs.rubricFlag); err == nil && !fi.IsDir() {
		return hs.rubricFlag
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
