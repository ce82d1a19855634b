package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// ErrInputEnded is wrapped by the error RunPlain returns when its input ends
// before the assessment is complete. The answers given so far are saved.
var ErrInputEnded = errors.New("input ended before the assessment was complete")

const (
	// plainWidth is where plain mode wraps its lines.
	plainWidth = 80
	// plainMaxLine caps one line of input. Longer lines are refused rather than
	// cut, and keep answers files well below the size they may be loaded at.
	plainMaxLine = 16 << 10
	// plainTopActions is how many recommended actions the results list.
	plainTopActions = 5
)

// RunPlain runs the assessment as plain numbered prompts, one answer per
// line of in, for screen readers and scripts. It prints no escape codes and
// no cursor movement: every line it writes can be read out as it comes.
//
// The answers file is saved after every answer. When in ends early, the
// error wraps ErrInputEnded and names the file to resume; when ctx is
// cancelled, it wraps the context's error. Either way the Outcome names the
// answers file, if one was started.
func RunPlain(ctx context.Context, in io.Reader, out io.Writer, cfg *Config) (Outcome, error) {
	if cfg == nil || cfg.Catalog == nil {
		return Outcome{}, errors.New("plain mode: no rubric catalog")
	}
	lines := newPlainLines(in)
	defer lines.close()
	p := &plain{
		ctx:      ctx,
		cfg:      cfg,
		out:      &plainWriter{w: out},
		lines:    lines,
		skipped:  map[string]bool{},
		shownWhy: map[*questions.Section]bool{},
	}
	o, err := p.run()
	if err == nil {
		return o, nil
	}
	if p.s != nil {
		o.AnswersPath = p.s.Path
	}
	file := questions.Printable(o.AnswersPath)
	switch {
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		p.out.blank()
		if o.AnswersPath != "" {
			p.out.say("Interrupted. Your answers are saved in %s.", file)
		} else {
			p.out.say("Interrupted. No answers were saved.")
		}
		return o, fmt.Errorf("assessment interrupted: %w", err)
	case errors.Is(err, io.EOF) || errors.Is(err, errPlainRead):
		cause := ""
		if !errors.Is(err, io.EOF) {
			cause = " (" + err.Error() + ")"
		}
		p.out.blank()
		if o.AnswersPath == "" {
			p.out.say("Input ended%s. No answers were saved.", cause)
			return o, fmt.Errorf("%w%s; no answers were saved", ErrInputEnded, cause)
		}
		p.out.say("Input ended%s. Your answers so far are saved in %s.", cause, file)
		return o, fmt.Errorf("%w%s; answers so far are in %s — rerun with --answers %s to continue",
			ErrInputEnded, cause, file, ShellQuote(file))
	}
	if o.AnswersPath != "" {
		p.out.say("Your answers so far are saved in %s.", file)
	}
	return o, err
}

// errPlainRead wraps a failure to read input other than its end.
var errPlainRead = errors.New("read input")

// plain is one run of the plain mode.
type plain struct {
	ctx   context.Context
	cfg   *Config
	out   *plainWriter
	lines *plainLines
	s     *Session
	// skipped holds the questions skipped in this run, so they are not
	// asked again; a resumed file asks its unanswered questions again.
	skipped     map[string]bool
	shownWhy    map[*questions.Section]bool
	lastSection *questions.Section
}

func (p *plain) run() (Outcome, error) {
	p.out.say("vitals assessment, plain mode. Each prompt ends with a line saying what to type; type your answer and press Enter.")
	if err := p.start(); err != nil {
		return Outcome{}, err
	}
	o := Outcome{AnswersPath: p.s.Path}
	for {
		if err := p.askAll(); err != nil {
			return o, err
		}
		bad := p.s.Recheck()
		if len(bad) == 0 {
			break
		}
		// Only answers stored some other way can fail here; ask them again.
		p.out.blank()
		p.out.say("These answers no longer fit their questions and are asked again:")
		for _, q := range bad {
			delete(p.skipped, q.ID)
			p.out.item("- ", q.Prompt)
		}
	}
	if err := p.s.Complete(); err != nil {
		return o, err
	}
	o.Complete = true
	p.results(p.s.Result())
	report, err := p.writeReport()
	if err != nil {
		return o, err
	}
	o.ReportPath = report
	p.out.blank()
	p.out.say("Answers saved in %s", questions.Printable(o.AnswersPath))
	p.out.say("Report saved in %s", questions.Printable(report))
	return o, p.out.err
}

// start settles the rubric, project, respondent and answers file, asking for
// what the configuration leaves open, and opens the session.
func (p *plain) start() error {
	cfg := p.cfg
	var existing *assessment.Answers
	if cfg.AnswersPath != "" {
		if _, err := os.Stat(cfg.AnswersPath); err == nil {
			a, err := assessment.LoadFile(cfg.AnswersPath)
			if err != nil {
				return err
			}
			existing = a
		}
	}
	ref := cfg.Rubric
	if ref == "" && existing != nil {
		ref = existing.Rubric.ID
	}
	var r *questions.Rubric
	var err error
	if ref != "" {
		if r, err = cfg.Catalog.Lookup(ref); err != nil {
			return err
		}
	} else if r, err = p.chooseRubric(); err != nil {
		return err
	}
	p.out.blank()
	p.out.say("Rubric: %s (%s, version %s)", r.Title, r.ID, r.Version)

	var project string
	switch {
	case existing != nil:
		project = existing.Project
	case strings.TrimSpace(cfg.Project) != "":
		project = strings.TrimSpace(cfg.Project)
		if shown, bad := plainUnsafe(project); bad {
			return fmt.Errorf("project name \"%s\" holds control characters or invalid UTF-8, which answers files cannot keep", shown)
		}
	default:
		if project, err = p.askText("Project name (required):", true); err != nil {
			return err
		}
	}
	p.out.say("Project: %s", questions.Printable(project))

	path := cfg.AnswersPath
	resume := existing != nil
	if path == "" {
		if path, resume, err = p.chooseFile(r, project); err != nil {
			return err
		}
	}
	var who assessment.Respondent
	if !resume {
		if who, err = p.respondent(); err != nil {
			return err
		}
	}
	s, warnings, err := cfg.Open(r, path, project, who)
	for _, w := range warnings {
		p.out.item("Warning: ", w.Error())
	}
	if err != nil {
		return err
	}
	p.s = s
	// Optional questions left out before the point where the last run
	// stopped were skipped then; go on where it stopped.
	p.skipped = s.PassedOver()
	p.out.blank()
	if resume {
		answered, visible := s.Progress()
		p.out.say("Resuming %s: %d of %d questions answered.", questions.Printable(path), answered, visible)
	} else {
		p.out.say("Your answers are saved in %s after every answer.", questions.Printable(path))
	}
	return nil
}

func (p *plain) chooseRubric() (*questions.Rubric, error) {
	rubrics := p.cfg.Catalog.Rubrics
	if len(rubrics) == 0 {
		return nil, errors.New("no rubrics available")
	}
	p.out.blank()
	p.out.say("Rubrics:")
	for i, r := range rubrics {
		p.out.item(fmt.Sprintf("  %d) ", i+1), fmt.Sprintf("%s (%s)", r.Title, r.ID))
		if r.Description != "" {
			p.out.indented("     ", r.Description)
		}
	}
	prompt := fmt.Sprintf("Type the number (1 to %d) or the id of a rubric:", len(rubrics))
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(rubrics) {
			return rubrics[n-1], nil
		}
		for _, r := range rubrics {
			if r.ID == line {
				return r, nil
			}
		}
		p.out.say("There is no rubric \"%s\".", questions.Printable(line))
	}
}

// chooseFile picks the answers file when none was given: an unfinished one
// for this rubric and project if the user wants to resume it, a new one
// otherwise.
func (p *plain) chooseFile(r *questions.Rubric, project string) (path string, resume bool, err error) {
	if err := plainCheckDir(p.cfg.dir()); err != nil {
		return "", false, err
	}
	fresh := func() string { return p.cfg.DefaultAnswersPath(r.ID, project, p.cfg.now()) }
	unf := p.cfg.FindUnfinished(r, project)
	if len(unf) == 0 {
		return fresh(), false, nil
	}
	p.out.blank()
	p.out.say("Unfinished assessments of this project with this rubric:")
	for i, u := range unf {
		p.out.item(fmt.Sprintf("  %d) ", i+1), fmt.Sprintf("resume %s (%s, %d of %d answered, updated %s)",
			questions.Printable(u.Path), questions.Printable(u.Answers.Respondent.String()), u.Answered, u.Visible,
			u.Answers.Updated.UTC().Format("2006-01-02 15:04 UTC")))
	}
	over := len(unf) + 1
	p.out.item(fmt.Sprintf("  %d) ", over), "start over with a new answers file")
	prompt := fmt.Sprintf("Type a number from 1 to %d:", over)
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return "", false, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(line))
		switch {
		case err == nil && n >= 1 && n < over:
			return unf[n-1].Path, true, nil
		case err == nil && n == over:
			return fresh(), false, nil
		}
		p.out.say("Type a number from 1 to %d.", over)
	}
}

// plainCheckDir refuses a folder for default file names that cannot be
// searched: DefaultAnswersPath tries names until one "does not exist", and
// in such a folder none ever would.
func plainCheckDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // Open creates it
	case err != nil:
		return fmt.Errorf("answers folder: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("answers folder %s is not a folder", questions.Printable(dir))
	}
	if _, err := os.Stat(filepath.Join(dir, "vitals-probe.answers.yaml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("answers folder: %w", err)
	}
	return nil
}

func (p *plain) respondent() (assessment.Respondent, error) {
	if p.cfg.Respondent != "" || p.cfg.Role != "" {
		who := assessment.Respondent{Name: strings.TrimSpace(p.cfg.Respondent), Role: strings.TrimSpace(p.cfg.Role)}
		for _, s := range []string{who.Name, who.Role} {
			if shown, bad := plainUnsafe(s); bad {
				return who, fmt.Errorf("respondent \"%s\" holds control characters or invalid UTF-8, which answers files cannot keep", shown)
			}
		}
		return who, nil
	}
	name, err := p.askText("Your name (optional; press Enter to stay anonymous):", false)
	if err != nil {
		return assessment.Respondent{}, err
	}
	role, err := p.askText("Your role (optional; press Enter to skip):", false)
	if err != nil {
		return assessment.Respondent{}, err
	}
	who := assessment.Respondent{Name: name, Role: role}
	p.out.say("Respondent: %s", questions.Printable(who.String()))
	return who, nil
}

// askText reads one line of free text, asking again while it is empty (when
// required) or holds characters an answers file cannot keep.
func (p *plain) askText(prompt string, required bool) (string, error) {
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return "", err
		}
		line = strings.TrimSpace(line)
		switch shown, bad := plainUnsafe(line); {
		case bad:
			p.out.say("%s", plainRefused(shown))
		case required && line == "":
			p.out.say("This cannot be empty.")
		default:
			return line, nil
		}
	}
}

// askAll asks every visible question that has no answer yet and was not
// skipped in this run, in rubric order; "back" steps to the visible
// question before the one shown, answered or not.
func (p *plain) askAll() error {
	cur := p.next()
	for cur != nil {
		back, err := p.ask(cur)
		if err != nil {
			return err
		}
		if back {
			cur = p.prev(cur)
		} else {
			cur = p.next()
		}
	}
	return nil
}

// next returns the first visible question that is unanswered and not
// skipped, or nil when there is none. Visibility is worked out afresh each
// time, since every answer can show or hide later questions.
func (p *plain) next() *questions.Question {
	vis := p.s.Visible()
	for _, q := range p.s.Rubric.Questions() {
		if _, ok := p.s.Answers.Answers[q.ID]; vis[q.ID] && !ok && !p.skipped[q.ID] {
			return q
		}
	}
	return nil
}

// prev returns the visible question before q, or nil.
func (p *plain) prev(q *questions.Question) *questions.Question {
	vis := p.s.Visible()
	qs := p.s.Rubric.Questions()
	for i := slices.Index(qs, q) - 1; i >= 0; i-- {
		if vis[qs[i].ID] {
			return qs[i]
		}
	}
	return nil
}

// ask shows question q and reads lines until one is a valid answer or a
// command. It reports whether the user asked to go back.
func (p *plain) ask(q *questions.Question) (back bool, err error) {
	hasPrev := p.prev(q) != nil
	cur := p.s.Answers.Answers[q.ID]
	p.showQuestion(q, cur, hasPrev)
	instr := plainInstructions(q, cur != nil, hasPrev)
	for {
		line, err := p.prompt(instr)
		if err != nil {
			return false, err
		}
		c, ans, msg := plainParseLine(q, strings.TrimSpace(line), cur != nil, hasPrev)
		if msg != "" {
			p.out.say("%s", msg)
			continue
		}
		switch c {
		case plainCmdBack:
			return true, nil
		case plainCmdKeep:
			p.out.say("Kept: %s.", questions.Printable(assessment.AnswerText(q, cur)))
			return false, nil
		case plainCmdSkip:
			p.skipped[q.ID] = true
			if cur != nil {
				if err := p.s.Clear(q.ID); err != nil {
					return false, err
				}
			}
			p.out.say("Skipped.")
			return false, nil
		}
		if cur != nil {
			ans.Note = cur.Note
		}
		if err := p.s.Set(q.ID, ans); err != nil {
			if errors.Is(err, ErrInvalid) {
				// plainParseLine validates first, so this is a backstop.
				p.out.say("%s", plainSentence(strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": ")))
				continue
			}
			return false, err
		}
		delete(p.skipped, q.ID)
		p.out.say("Saved: %s.", questions.Printable(assessment.AnswerText(q, ans)))
		return false, p.note(q, ans)
	}
}

// note asks for the optional note on an answer that is already saved, so
// an input that ends here loses nothing.
func (p *plain) note(q *questions.Question, ans *assessment.Answer) error {
	prompt := "Note (optional, Enter to skip):"
	if ans.Note != "" {
		p.out.say("Current note: %s", questions.Printable(ans.Note))
		prompt = "Note (optional; Enter keeps the current note, - removes it):"
	}
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		if shown, bad := plainUnsafe(line); bad {
			p.out.say("%s", plainRefused(shown))
			continue
		}
		switch {
		case line == "":
			return nil
		case line == "-" && ans.Note != "":
			line = ""
		}
		upd := *ans
		upd.Note = line
		return p.s.Set(q.ID, &upd)
	}
}

func (p *plain) showQuestion(q *questions.Question, cur *assessment.Answer, hasPrev bool) {
	r := p.s.Rubric
	sec := q.Section
	if sec != p.lastSection {
		p.lastSection = sec
		p.out.blank()
		p.out.say("Part %d of %d: %s", slices.Index(r.Sections, sec)+1, len(r.Sections), sec.Title)
		if !p.shownWhy[sec] && sec.Why != "" {
			p.shownWhy[sec] = true
			p.out.indented("", "Why this matters: "+sec.Why)
		}
	}
	vis := p.s.Visible()
	n, of := 0, 0
	for _, sq := range sec.Questions {
		if vis[sq.ID] {
			of++
			if sq == q {
				n = of
			}
		}
	}
	answered, visible := p.s.Progress()
	req := ""
	if q.Required {
		req = " Required."
	}
	p.out.blank()
	p.out.say("Question %d of %d in this part; %d of %d answered overall.%s", n, of, answered, visible, req)
	p.out.indented("", q.Prompt)
	if q.Help != "" {
		p.out.indented("", q.Help)
	}
	for i, o := range q.Options {
		p.out.item(fmt.Sprintf("  %d) ", i+1), o.Label)
	}
	if q.Kind == questions.Scale && (q.LowLabel != "" || q.HighLabel != "") {
		p.out.item("  ", fmt.Sprintf("%s means %s; %s means %s.",
			assessment.FormatNumber(*q.Min), plainLabelOr(q.LowLabel, "the lowest"),
			assessment.FormatNumber(*q.Max), plainLabelOr(q.HighLabel, "the highest")))
	}
	if q.DontKnow {
		p.out.item("  d) ", "don't know")
	}
	if !q.Required {
		p.out.item("  s) ", "skip")
	}
	if hasPrev {
		p.out.item("  b) ", "back to the previous question")
	}
	if cur != nil {
		p.out.item("Current answer: ", questions.Printable(assessment.AnswerText(q, cur))+". Press Enter to keep it.")
		if cur.Note != "" {
			p.out.item("Current note: ", questions.Printable(cur.Note))
		}
	}
}

func plainLabelOr(label, def string) string {
	if label == "" {
		return def
	}
	return label
}

// plainCmd is what one line of input asks for.
type plainCmd int

const (
	plainCmdAnswer plainCmd = iota
	plainCmdBack
	plainCmdSkip
	plainCmdKeep
)

// plainInstructions is the last line shown for a question: what to type.
func plainInstructions(q *questions.Question, answered, hasPrev bool) string {
	var what string
	switch q.Kind {
	case questions.Single:
		what = fmt.Sprintf("Type a number from 1 to %d", len(q.Options))
	case questions.YesNo:
		what = "Type 1 or 2 (y or n)"
	case questions.Multi:
		what = "Type the numbers of all that apply, such as 1 3, or 0 for none"
	case questions.Scale:
		what = fmt.Sprintf("Type a whole number from %s to %s", assessment.FormatNumber(*q.Min), assessment.FormatNumber(*q.Max))
	case questions.Number:
		var about []string
		if rt := assessment.RangeText(q); rt != "a number" {
			about = append(about, rt)
		}
		if q.Unit != "" {
			about = append(about, "in "+q.Unit)
		}
		what = "Type a number"
		if len(about) > 0 {
			what += " (" + strings.Join(about, ", ") + ")"
		}
	case questions.Date:
		what = "Type a date as YYYY-MM-DD"
	default:
		what = "Type your answer on one line"
	}
	var letters []string
	if q.DontKnow {
		letters = append(letters, "d")
	}
	if !q.Required {
		letters = append(letters, "s")
	}
	if hasPrev {
		letters = append(letters, "b")
	}
	if len(letters) > 0 {
		what += ", or " + plainOrList(letters)
	}
	if answered {
		what += "; Enter keeps the current answer"
	}
	return what + ":"
}

func plainOrList(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// plainParseLine reads one trimmed line typed for question q. It returns either
// a command, an answer that fits q, or a one-line message saying why the
// line was not accepted.
func plainParseLine(q *questions.Question, line string, answered, hasPrev bool) (plainCmd, *assessment.Answer, string) {
	lower := strings.ToLower(line)
	// Free text takes words as answers; only the single letters are
	// commands there.
	is := func(letter string, words ...string) bool {
		return lower == letter || (q.Kind != questions.Text && slices.Contains(words, lower))
	}
	switch {
	case line == "" && answered:
		return plainCmdKeep, nil, ""
	case line == "":
		if q.Required {
			return 0, nil, "Please type an answer; this question is required."
		}
		return 0, nil, "Please type an answer, or s to skip."
	case is("b", "back"):
		if !hasPrev {
			return 0, nil, "This is the first question; there is nothing to go back to."
		}
		return plainCmdBack, nil, ""
	case is("s", "skip"):
		if q.Required {
			return 0, nil, "This question is required, so it cannot be skipped."
		}
		return plainCmdSkip, nil, ""
	case is("d", "don't know", "dont know", "don’t know"):
		if !q.DontKnow {
			return 0, nil, "\"Don't know\" is not offered for this question."
		}
		return plainCmdAnswer, &assessment.Answer{DontKnow: true}, ""
	}
	ans, err := plainParseAnswer(q, line)
	if err == nil {
		err = assessment.Validate(q, ans)
	}
	if err != nil {
		return 0, nil, plainSentence(err.Error())
	}
	return plainCmdAnswer, ans, ""
}

// plainParseAnswer turns a line into an answer of q's kind.
func plainParseAnswer(q *questions.Question, line string) (*assessment.Answer, error) {
	switch q.Kind {
	case questions.Single:
		o, err := plainParseOption(q, line)
		if err != nil {
			return nil, err
		}
		return &assessment.Answer{Text: o.Value}, nil
	case questions.YesNo:
		switch strings.ToLower(line) {
		case "y", "yes":
			line = "yes"
		case "n", "no":
			line = "no"
		}
		o, err := plainParseOption(q, line)
		if err != nil {
			return nil, fmt.Errorf("type 1 or 2, or y or n")
		}
		return &assessment.Answer{Text: o.Value}, nil
	case questions.Multi:
		lower := strings.ToLower(line)
		if lower == "0" || lower == "none" {
			return &assessment.Answer{Choices: []string{}}, nil
		}
		var choices []string
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
			if f == "0" {
				return nil, fmt.Errorf("0 means none of them; do not combine it with other numbers")
			}
			o, err := plainParseOption(q, f)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(choices, o.Value) {
				choices = append(choices, o.Value)
			}
		}
		// Stored in rubric order, as answers files keep them.
		slices.SortFunc(choices, func(a, b string) int {
			return slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o.Value == a }) -
				slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o.Value == b })
		})
		return &assessment.Answer{Choices: choices}, nil
	case questions.Scale:
		x, err := plainParseNumber(line, "")
		if err != nil {
			return nil, err
		}
		if x != math.Trunc(x) {
			return nil, fmt.Errorf("type a whole number from %s to %s", assessment.FormatNumber(*q.Min), assessment.FormatNumber(*q.Max))
		}
		return &assessment.Answer{Number: x}, nil
	case questions.Number:
		x, err := plainParseNumber(line, q.Unit)
		if err != nil {
			return nil, err
		}
		return &assessment.Answer{Number: x}, nil
	case questions.Date:
		if _, err := time.Parse(assessment.DateLayout, line); err != nil {
			return nil, fmt.Errorf("\"%s\" is not a date; type it as YYYY-MM-DD, for example 2026-09-30", questions.Printable(line))
		}
		return &assessment.Answer{Text: line}, nil
	}
	if shown, bad := plainUnsafe(line); bad {
		return nil, errors.New(plainRefused(shown))
	}
	return &assessment.Answer{Text: line}, nil
}

// plainParseOption reads an option number (1-based) or an option value.
func plainParseOption(q *questions.Question, s string) (*questions.Option, error) {
	n, err := strconv.Atoi(strings.TrimRight(s, ".)"))
	if err == nil {
		if n < 1 || n > len(q.Options) {
			return nil, fmt.Errorf("there is no option %d; type a number from 1 to %d", n, len(q.Options))
		}
		return q.Options[n-1], nil
	}
	for _, o := range q.Options {
		if strings.EqualFold(o.Value, s) {
			return o, nil
		}
	}
	return nil, fmt.Errorf("\"%s\" is not an option; type a number from 1 to %d", questions.Printable(s), len(q.Options))
}

var (
	plainNumber        = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	plainGroupedNumber = regexp.MustCompile(`^[+-]?\d{1,3}([,_' ]\d{3})+(\.\d+)?$`)
)

// plainParseNumber reads a decimal number, allowing the unit after it (80%,
// 5 years), a currency sign before it and thousands separated by commas,
// spaces, underscores or apostrophes (1,250,000).
func plainParseNumber(line, unit string) (float64, error) {
	s := strings.TrimSpace(line)
	if unit != "" && len(s) > len(unit) && strings.EqualFold(s[len(s)-len(unit):], unit) {
		s = strings.TrimSpace(s[:len(s)-len(unit)])
	}
	s = strings.TrimSpace(strings.TrimLeft(s, "$€£¥"))
	if plainGroupedNumber.MatchString(s) {
		s = strings.NewReplacer(",", "", "_", "", "'", "", " ", "").Replace(s)
	}
	if !plainNumber.MatchString(s) {
		return 0, fmt.Errorf("\"%s\" is not a number; type digits, with a dot for decimals (such as 1250000 or 2.5)", questions.Printable(line))
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, fmt.Errorf("\"%s\" is not a number that vitals can use", questions.Printable(line))
	}
	return x, nil
}

// plainUnsafe reports whether s holds what an answers file cannot keep, and
// s with it made visible. Answers files refuse control characters,
// bidirectional overrides and invalid UTF-8 when they are loaded, so plain
// mode refuses them when they are typed rather than save a file that will
// not load again.
func plainUnsafe(s string) (shown string, bad bool) {
	s = strings.ReplaceAll(s, "\t", " ")
	shown = questions.Printable(s)
	return shown, shown != s
}

func plainRefused(shown string) string {
	return fmt.Sprintf("That text holds control characters or invalid UTF-8, shown here escaped: \"%s\". Type it again without them.", shown)
}

// plainSentence capitalises a message and ends it with a full stop.
func plainSentence(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = strings.ToUpper(string(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// results prints the scored assessment: the overall and section scores with
// their risk in words, red flags, top actions and the business case.
func (p *plain) results(res *assessment.Result) {
	o := p.out
	o.blank()
	o.say("Results for %s: %s", questions.Printable(res.Answers.Project), res.Rubric.Title)
	if res.Scored {
		if res.Forced {
			o.say("Overall score: %s out of 100, high risk (a critical red flag raises it from %s).", assessment.FormatNumber(res.Score), res.Rubric.Bands.Risk(res.Score))
		} else {
			o.say("Overall score: %s out of 100, %s risk.", assessment.FormatNumber(res.Score), res.Risk)
		}
	} else {
		o.say("Overall score: none; no scored question was answered.")
	}
	answered, visible := p.s.Progress()
	o.say("Answered %d of %d questions; %d \"don't know\", %d left unanswered.", answered, visible, len(res.DontKnow), len(res.Unanswered))

	o.blank()
	o.say("Scores by part:")
	for i, sr := range res.Sections {
		var what string
		switch {
		case !sr.Scored && sr.Forced:
			what = "not scored, high risk because of a critical red flag"
		case !sr.Scored:
			what = "not scored"
		case sr.Forced && sr.ScoreRisk != questions.RiskHigh:
			what = fmt.Sprintf("%s out of 100, high risk (a critical red flag raises it from %s)", assessment.FormatNumber(sr.Score), sr.ScoreRisk)
		default:
			what = fmt.Sprintf("%s out of 100, %s risk", assessment.FormatNumber(sr.Score), sr.Risk)
		}
		o.item(fmt.Sprintf("  %d. ", i+1), fmt.Sprintf("%s: %s.", sr.Section.Title, what))
	}

	o.blank()
	if len(res.Flags) == 0 {
		o.say("Red flags: none.")
	} else {
		o.say("Red flags (%d):", len(res.Flags))
		for _, f := range res.Flags {
			text := f.Text
			if f.Critical {
				text = "Critical: " + text
			}
			o.item("  - ", text)
		}
	}

	if len(res.Actions) > 0 {
		o.blank()
		o.say("Top recommended actions:")
		for i, a := range res.Actions[:min(plainTopActions, len(res.Actions))] {
			o.item(fmt.Sprintf("  %d. ", i+1), a.Text)
		}
	}
	if bc := res.BusinessCase; bc != nil {
		o.blank()
		p.businessCase(bc)
	}
}

func (p *plain) businessCase(bc *assessment.Sensitivity) {
	o := p.out
	switch {
	case bc.Problem != "":
		o.item("", "Business case: cannot be worked out: "+bc.Problem+".")
		return
	case !bc.Available:
		var missing []string
		for _, q := range bc.Missing {
			if q != nil {
				missing = append(missing, q.Prompt)
			}
		}
		o.item("", "Business case: not worked out; it needs answers to: "+strings.Join(missing, " / "))
		return
	}
	o.say("Business case over %s years, by adoption:", assessment.FormatNumber(bc.HorizonYears))
	for _, sc := range bc.Scenarios {
		label := fmt.Sprintf("  At %s%%", assessment.FormatNumber(sc.Adoption))
		if sc.Assumed {
			label += " (assumed)"
		}
		text := fmt.Sprintf("benefit %s, cost %s, net %s", plainMoney(sc.Benefit, bc.Currency), plainMoney(sc.Cost, bc.Currency), plainMoney(sc.Net, bc.Currency))
		if sc.HasROI {
			text += fmt.Sprintf(", return %s%%", assessment.FormatNumber(math.Round(sc.ROI)))
		}
		if sc.Pays {
			text += fmt.Sprintf("; pays back after %s months", assessment.FormatNumber(math.Round(sc.PaybackMonths)))
		} else {
			text += "; never pays back"
		}
		o.item(label+": ", text+".")
	}
	// Summary gives the break-even level itself when no adoption reaches it.
	if bc.HasBreakEven && bc.Reachable {
		o.item("  ", fmt.Sprintf("Break-even adoption: %s%%.", assessment.FormatNumber(math.Ceil(bc.BreakEven))))
	}
	if s := bc.Summary(); s != "" {
		o.item("  ", s)
	}
}

// plainMoney writes an amount rounded to whole units with thousands separated by
// commas, and the currency when the rubric names one.
func plainMoney(x float64, currency string) string {
	s := strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64)
	var b strings.Builder
	if math.Round(x) < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if currency != "" {
		b.WriteString(" " + currency)
	}
	return b.String()
}

// writeReport writes the report next to the answers file or to the --out
// path. An existing file is overwritten only when the user says so;
// otherwise the report gets a new name, so nothing is lost either way.
func (p *plain) writeReport() (string, error) {
	path := p.cfg.OutPath
	if path == "" {
		path = ReportPathFor(p.s.Path)
	}
	err := p.s.WriteReport(path, p.cfg.Version, false)
	if errors.Is(err, ErrExists) {
		p.out.blank()
		p.out.say("The report file %s already exists.", questions.Printable(path))
		line, rerr := p.prompt("Overwrite it? Type y for yes; Enter or n keeps it and saves the report under a new name (y/N):")
		if rerr != nil && p.ctx.Err() != nil {
			return "", rerr
		}
		if a := strings.ToLower(strings.TrimSpace(line)); rerr == nil && (a == "y" || a == "yes") {
			err = p.s.WriteReport(path, p.cfg.Version, true)
		} else {
			orig := path
			for errors.Is(err, ErrExists) {
				path = plainFreeName(orig)
				err = p.s.WriteReport(path, p.cfg.Version, false)
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("write report %s: %w", questions.Printable(path), err)
	}
	return path, nil
}

// plainFreeName returns path with the first -2, -3… suffix before its extension
// that names no file.
func plainFreeName(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d%s", base, i, ext)
		// Any error, not only "does not exist", ends the search: in a
		// folder that cannot be read every name fails alike, and writing
		// the report then says why.
		if _, err := os.Lstat(c); err != nil {
			return c
		}
	}
}

// ShellQuote quotes s for a POSIX shell when it needs it, so a path in a
// suggested command can be pasted as it is.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+:@,=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// prompt prints a prompt on its own line and reads the answer line. Lines
// that are too long or not UTF-8 are refused here, so that no caller sees
// them.
func (p *plain) prompt(text string) (string, error) {
	for {
		p.out.indented("", text)
		if p.out.err != nil {
			return "", fmt.Errorf("write output: %w", p.out.err)
		}
		line, err := p.lines.next(p.ctx)
		switch {
		case errors.Is(err, errPlainLineTooLong):
			p.out.say("That line is longer than %d bytes; it was not used.", plainMaxLine)
			continue
		case err != nil:
			return "", err
		case !utf8.ValidString(line):
			p.out.say("That line is not valid UTF-8; it was not used.")
			continue
		}
		return line, nil
	}
}

// plainWriter writes plain, wrapped, printable lines and keeps the first
// write error.
type plainWriter struct {
	w   io.Writer
	err error
}

func (pw *plainWriter) write(lines []string) {
	if pw.err != nil {
		return
	}
	_, pw.err = io.WriteString(pw.w, strings.Join(lines, "\n")+"\n")
}

func (pw *plainWriter) blank() { pw.write([]string{""}) }

// say prints a formatted message, wrapped.
func (pw *plainWriter) say(format string, args ...any) {
	pw.write(plainWrap(fmt.Sprintf(format, args...), "", "", plainWidth))
}

// indented prints text wrapped with every line indented by indent.
func (pw *plainWriter) indented(indent, text string) {
	pw.write(plainWrap(text, indent, indent, plainWidth))
}

// item prints text after a label such as "  2) ", continuation lines
// aligned under the text.
func (pw *plainWriter) item(label, text string) {
	pw.write(plainWrap(text, label, strings.Repeat(" ", ansi.StringWidth(label)), plainWidth))
}

// plainWrap makes text printable and breaks it into lines of at most width
// terminal columns where it can (wide characters take two) (a longer word keeps a line of its own). The first
// line starts with first, the others with rest; newlines in text start new
// lines.
func plainWrap(text, first, rest string, width int) []string {
	text = questions.PrintableText(text)
	var lines []string
	prefix := first
	for _, para := range strings.Split(text, "\n") {
		cur, n, empty := prefix, ansi.StringWidth(prefix), true
		for _, w := range strings.Fields(para) {
			wl := ansi.StringWidth(w)
			if !empty && n+1+wl > width {
				lines = append(lines, cur)
				cur, n, empty = rest, ansi.StringWidth(rest), true
			}
			if !empty {
				cur += " "
				n++
			}
			cur += w
			n += wl
			empty = false
		}
		lines = append(lines, strings.TrimRight(cur, " "))
		prefix = rest
	}
	return lines
}

// plainLines reads lines in a goroutine, one at a time and only when asked,
// so that a blocked read of stdin cannot stop plain mode from noticing an
// interrupt, and no line is read before it is wanted.
type plainLines struct {
	req chan struct{}
	res chan plainLine
	err error // the end of input, once seen
}

type plainLine struct {
	text string
	err  error
}

var errPlainLineTooLong = errors.New("line too long")

func newPlainLines(in io.Reader) *plainLines {
	ls := &plainLines{req: make(chan struct{}, 1), res: make(chan plainLine, 1)}
	go ls.run(bufio.NewReader(in))
	return ls
}

func (ls *plainLines) run(br *bufio.Reader) {
	first := true
	for range ls.req {
		text, err := plainReadLine(br)
		if first {
			text = strings.TrimPrefix(text, "\ufeff")
			first = false
		}
		ls.res <- plainLine{text, err}
		if err != nil && !errors.Is(err, errPlainLineTooLong) {
			return
		}
	}
}

// close lets the reading goroutine end once its current read returns.
func (ls *plainLines) close() { close(ls.req) }

// next returns the next line without its line ending, or the context's
// error as soon as ctx is done, or io.EOF (or a read error wrapping
// errPlainRead) at the end of input.
func (ls *plainLines) next(ctx context.Context) (string, error) {
	if ls.err != nil {
		return "", ls.err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ls.req <- struct{}{}
	select {
	case r := <-ls.res:
		if r.err != nil && !errors.Is(r.err, errPlainLineTooLong) {
			ls.err = r.err
		}
		return r.text, r.err
	case <-ctx.Done():
		// The goroutine may still deliver this line; nobody will want it.
		ls.err = ctx.Err()
		return "", ctx.Err()
	}
}

// plainReadLine reads one line, refusing lines over plainMaxLine bytes. The last
// line may lack its newline.
func plainReadLine(br *bufio.Reader) (string, error) {
	var buf []byte
	long, got := false, false
	for {
		chunk, err := br.ReadSlice('\n')
		got = got || len(chunk) > 0
		if !long && len(buf)+len(chunk) <= plainMaxLine+2 {
			buf = append(buf, chunk...)
		} else {
			long, buf = true, nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && got {
			err = nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", io.EOF
			}
			return "", fmt.Errorf("%w: %w", errPlainRead, err)
		}
		break
	}
	s := strings.TrimSuffix(string(buf), "\n")
	s = strings.TrimSuffix(s, "\r")
	if long || len(s) > plainMaxLine {
		return "", errPlainLineTooLong
	}
	return s, nil
}
