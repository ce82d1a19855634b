package reports

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workshop"
)

//go:embed templates/workshop.md.tmpl
var workshopTemplateText string

// wsTemplate lays out the workshop report. It is its own file, not a
// branch of the single report's template: a workshop adds sections
// between the single report's, and keeping them apart lets each change
// without the other's diff.
var wsTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("workshop.md.tmpl").Parse(workshopTemplateText))
})

// RenderWorkshop writes the report of a workshop to w: the group's result
// read as the single report reads one respondent's (the summary, the
// sections, the business case, the working), with the room's
// disagreements, distributions and role groups added. Deterministic as
// Render is, whatever order the files were given in: the group is ordered
// by content, never by file name.
func RenderWorkshop(w io.Writer, g *workshop.Group, opt Options) error {
	if g == nil || g.Result == nil {
		return errors.New("render workshop report: no group result")
	}
	return renderAs(w, opt.Format,
		func(b *bytes.Buffer) error {
			if err := wsTemplate().Execute(b, buildWorkshop(g)); err != nil {
				return fmt.Errorf("render workshop report: %w", err)
			}
			return nil
		},
		func(b *bytes.Buffer) error { return renderWorkshopJSON(b, g, opt) })
}

// wsView is the workshop report: the single report's view of the group's
// result, and the room.
type wsView struct {
	*mdView
	RoomPoints []string
	Discuss    []wsDiscuss
	NoDiscuss  string
	Agreed     string
	Roles      *wsRoles
	// Room holds, per block of mdView.Blocks, how the room answered the
	// section's questions.
	Room      [][]mdItem
	RoomRules []string
	BreakEven string
}

type wsDiscuss struct {
	Text  string
	Sides []string
	// Pad indents the sides under the item's text: "10. " takes four.
	Pad string
}

type wsRoles struct {
	Header, Align string
	Rows          []string
	Gaps          []string
	Note          string
}

func buildWorkshop(g *workshop.Group) *wsView {
	res := g.Result
	v := &wsView{mdView: buildMarkdown(res)}
	anon := g.Anonymous()
	v.Title += " (workshop)"
	v.Meta = wsMeta(g)
	// The group's answers have no notes and text answers of their own:
	// the room's are listed with its answers.
	for i := range v.Blocks {
		v.Blocks[i].Recorded = ""
	}
	v.RoomPoints = roomPoints(g)
	if be := g.BreakEven; be.N > 1 && num(be.Min) != num(be.Max) && !(anon && be.N < g.MinGroup) {
		// The sponsor's money line is the group's; how far apart the
		// room's own figures put break-even belongs beside it.
		v.RoomPoints = append([]string{fmt.Sprintf("Money, respondent by respondent: their own figures put break-even between %s%% and %s%% adoption (%d of %d gave every figure).", num(be.Min), num(be.Max), be.N, len(g.Members))}, v.RoomPoints...)
	}
	for i, q := range g.Discuss {
		v.Discuss = append(v.Discuss, discussItem(g, i+1, q))
	}
	if len(g.Discuss) == 0 {
		v.NoDiscuss = "The room agrees on every question that counts towards the score: nothing to settle before the actions."
	}
	if len(g.Agreed) > 0 {
		var ids []string
		for _, q := range g.Agreed {
			ids = append(ids, "`"+q.Question.ID+"`")
		}
		v.Agreed = fmt.Sprintf("Agreed risks, where the room agrees on an answer that loses points (they go straight to the actions): %s.", strings.Join(ids, ", "))
	}
	v.Roles = rolesView(g)
	byID := map[string]*workshop.Question{}
	for _, q := range g.Questions {
		byID[q.Question.ID] = q
	}
	for _, sr := range res.Sections {
		var items []mdItem
		for _, q := range sr.Section.Questions {
			if st := byID[q.ID]; st != nil {
				items = append(items, roomItem(g, st))
			}
		}
		v.Room = append(v.Room, items)
	}
	if be := g.BreakEven; be.N > 0 {
		v.BreakEven = fmt.Sprintf("Break-even adoption by respondent, for the %d who gave every figure: ", be.N)
		switch {
		case anon && be.N < g.MinGroup:
			v.BreakEven = fmt.Sprintf("Break-even adoption by respondent: %d gave every figure, fewer than %d, so the range is not shown.", be.N, g.MinGroup)
		case be.N == 1 || num(be.Min) == num(be.Max):
			v.BreakEven += num(be.Min) + "%."
		default:
			v.BreakEven += "from " + num(be.Min) + "% to " + num(be.Max) + "%."
		}
	}
	v.RoomRules = roomRules(g)
	wsWorking(v, g)
	return v
}

// wsMeta says who was in the room, as far as the mode allows.
func wsMeta(g *workshop.Group) []string {
	r, a := g.Rubric, g.Answers
	date := reportDate(a)
	if date == "" {
		date = "not recorded in the answers files"
	}
	meta := []string{
		"Rubric: " + md(r.Title) + " (`" + r.ID + "`, version " + md(r.Version) + ")",
		"Date: " + date + " (the last answers saved)",
	}
	n := len(g.Members)
	if g.Anonymous() {
		meta = append(meta, fmt.Sprintf("Respondents: %d, anonymous: nobody is named, and groups of fewer than %d are not shown", n, g.MinGroup))
	} else {
		var who []string
		for _, m := range g.Members {
			who = append(who, m.Answers.Respondent.String())
		}
		slices.Sort(who)
		for i := range who {
			who[i] = md(who[i])
		}
		meta = append(meta, fmt.Sprintf("Respondents: %d, named: %s", n, strings.Join(who, "; ")))
	}
	if g.Complete < n {
		meta = append(meta, fmt.Sprintf("Finished: %d of %d respondents; the others stopped before the end", g.Complete, n))
	}
	if len(g.Dropped) > 0 {
		var ids []string
		for _, q := range g.Dropped {
			ids = append(ids, "`"+q.ID+"`")
		}
		meta = append(meta, "Left out, not in every version of the rubric the answers were saved against: "+strings.Join(ids, ", "))
	}
	return meta
}

// roomPoints are the summary's lines about the room.
func roomPoints(g *workshop.Group) []string {
	var pts []string
	if n := len(g.Discuss); n > 0 {
		var first []string
		for _, q := range g.Discuss[:min(3, n)] {
			first = append(first, md(SectionName(g.Rubric, q.Question.Section))+" `"+q.Question.ID+"`")
		}
		pts = append(pts, fmt.Sprintf("The room disagrees on %d %s; discuss first: %s (see \"Where the room disagrees\").", n, oneOf(n == 1, "question", "questions"), strings.Join(first, "; ")))
	}
	dk, qs := 0, 0
	for _, q := range g.Questions {
		if q.DontKnow > 0 {
			dk += q.DontKnow
			qs++
		}
	}
	if dk > 0 {
		pts = append(pts, fmt.Sprintf("Across the room, \"don't know\" was answered %d %s, on %d %s; the group's answer above is the median respondent's.", dk, oneOf(dk == 1, "time", "times"), qs, oneOf(qs == 1, "question", "questions")))
	}
	if gap := g.WidestGap(); gap != nil {
		pts = append(pts, fmt.Sprintf("Widest gap between roles: %s, %s %s against %s %s (%s points apart).",
			md(SectionName(g.Rubric, gap.Section)), md(gap.High), num(gap.HighScore), md(gap.Low), num(gap.LowScore), num(gap.Distance)))
	}
	return pts
}

// quotedLabel is an option or point as the report quotes it.
func quotedLabel(p workshop.Point) string { return "\u201c" + md(p.Label) + "\u201d" }

// tallyText is "“No” 2, “Yes” 3"; in named mode each count names who.
func tallyText(pts []workshop.Point, named, zeros bool) string {
	var parts []string
	for _, p := range pts {
		if p.Count == 0 && !zeros {
			continue
		}
		s := quotedLabel(p) + " " + itoa(p.Count)
		if named && len(p.Who) > 0 {
			s += " (" + mdList(p.Who) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func mdList(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = md(x)
	}
	return strings.Join(out, ", ")
}

// measures is "consensus 0.45, agreement −0.20".
func measures(q *workshop.Question) string {
	var parts []string
	if q.HasConsensus {
		parts = append(parts, "consensus "+dec2(q.Consensus))
	}
	if q.HasAgreement {
		parts = append(parts, "agreement "+dec2(q.Agreement))
	}
	return strings.Join(parts, ", ")
}

// dec2 writes a measure from −1 to 1 with two decimals, with a true minus.
func dec2(x float64) string {
	s := fmt.Sprintf("%.2f", roundTo(x, 2))
	return strings.Replace(s, "-", "\u2212", 1)
}

func discussItem(g *workshop.Group, rank int, q *workshop.Question) wsDiscuss {
	d := wsDiscuss{Pad: strings.Repeat(" ", len(itoa(rank))+2), Text: fmt.Sprintf("%d. **%s** (`%s`, %s): %s; %s; worth %s points, priority %s.",
		rank, md(q.Question.Prompt), q.Question.ID, md(SectionName(g.Rubric, q.Question.Section)), q.Class, measures(q), Points(q.Worth), Points(q.Priority))}
	if q.Hidden {
		d.Sides = append(d.Sides, fmt.Sprintf("Fewer than %d answered: the answers are not shown.", g.MinGroup))
		return d
	}
	named := !g.Anonymous()
	for _, s := range q.Sides {
		tally := tallyText(s.Points, false, false)
		if q.Multi {
			// A checklist's sides: the share of each side who ticked each
			// option.
			var parts []string
			for _, p := range s.Points {
				parts = append(parts, quotedLabel(p)+" "+pct(float64(p.Count)/float64(s.Count)))
			}
			tally = "ticked by " + strings.Join(parts, ", ")
		}
		line := capital(s.Label) + " (" + itoa(s.Count) + "): " + tally
		if named && len(s.Who) > 0 {
			line += "; " + mdList(s.Who)
		}
		d.Sides = append(d.Sides, line)
	}
	if q.DontKnow > 0 {
		d.Sides = append(d.Sides, fmt.Sprintf("\"Don't know\": %d.", q.DontKnow))
	}
	return d
}

// roomItem is how the room answered one question, in its section's block.
func roomItem(g *workshop.Group, st *workshop.Question) mdItem {
	q := st.Question
	named := !g.Anonymous()
	head := "`" + q.ID + "`"
	var parts []string
	switch {
	case st.Hidden:
		parts = append(parts, fmt.Sprintf("%d of %d asked answered; fewer than %d, so the answers are not shown", st.Answered+st.DontKnow, st.Asked, g.MinGroup))
	case st.Answered == 0:
	case st.Multi:
		var ticks []string
		for _, p := range st.Points {
			s := quotedLabel(p) + " " + itoa(p.Count)
			if st.Answered > 0 {
				s += " (" + pct(float64(p.Count)/float64(st.Answered))
				if named && len(p.Who) > 0 {
					s += ": " + mdList(p.Who)
				}
				s += ")"
			}
			ticks = append(ticks, s)
		}
		parts = append(parts, fmt.Sprintf("ticked, of %d who answered: %s", st.Answered, strings.Join(ticks, ", ")))
	case len(st.Points) > 0:
		parts = append(parts, tallyText(st.Points, named, true))
	}
	if !st.Hidden {
		if st.HasNumbers {
			unitText := func(x float64) string { return md(assessment.AnswerText(q, &assessment.Answer{Number: x})) }
			switch {
			case st.Answered == 1:
				parts = append(parts, "one answer, "+unitText(st.Median))
			case st.Min == st.Max:
				parts = append(parts, "all "+itoa(st.Answered)+" gave "+unitText(st.Median))
			default:
				parts = append(parts, "median "+unitText(st.Median)+", from "+unitText(st.Min)+" to "+unitText(st.Max))
			}
		}
		if st.First != "" {
			if st.First == st.Last {
				parts = append(parts, "all on "+st.First)
			} else {
				parts = append(parts, "from "+st.First+" to "+st.Last)
			}
		}
		if q.Kind == questions.Text {
			parts = append(parts, fmt.Sprintf("%d %s", st.Answered, oneOf(st.Answered == 1, "answer", "answers")))
		}
	}
	if st.DontKnow > 0 {
		s := fmt.Sprintf("%d \"don't know\"", st.DontKnow)
		if named && !st.Hidden {
			s += " (" + mdList(st.DontKnowWho) + ")"
		}
		parts = append(parts, s)
	}
	if st.NotApplicable > 0 {
		parts = append(parts, fmt.Sprintf("%d not applicable", st.NotApplicable))
	}
	if st.Unanswered > 0 {
		parts = append(parts, fmt.Sprintf("%d unanswered", st.Unanswered))
	}
	if m := measures(st); m != "" && st.Class != workshop.NotCompared {
		parts = append(parts, m+" ("+st.Class.String()+")")
	}
	if st.NotAskedOfGroup {
		parts = append(parts, "not asked of the group: the room's answers leave it out")
	}
	item := mdItem{Text: head + ": " + strings.Join(parts, "; ") + "."}
	if !st.Hidden {
		for _, t := range st.Texts {
			item.Sub = append(item.Sub, "Answer"+author(t)+": "+md(t.Text))
		}
	}
	for _, n := range st.Notes {
		item.Sub = append(item.Sub, "Note"+author(n)+": "+md(n.Text))
	}
	return item
}

func author(n workshop.Note) string {
	if n.Who == "" {
		return ""
	}
	return " (" + md(n.Who) + ")"
}

func rolesView(g *workshop.Group) *wsRoles {
	var shown []workshop.RoleGroup
	hidden := 0
	for _, rg := range g.Roles {
		if rg.Hidden {
			hidden += rg.Count
			continue
		}
		shown = append(shown, rg)
	}
	if len(shown) == 0 && hidden == 0 {
		return nil
	}
	v := &wsRoles{Header: "| Section |", Align: "| --- |"}
	for _, rg := range shown {
		v.Header += " " + md(rg.Role) + " (" + itoa(rg.Count) + ") |"
		v.Align += " ---: |"
	}
	for si, s := range g.Rubric.Sections {
		row := "| " + md(SectionName(g.Rubric, s)) + " |"
		for _, rg := range shown {
			row += " " + scoreText(rg.Scored[si], rg.Sections[si]) + " |"
		}
		v.Rows = append(v.Rows, row)
	}
	if len(shown) == 0 {
		v.Rows = nil
	}
	for _, gap := range g.Gaps {
		v.Gaps = append(v.Gaps, fmt.Sprintf("%s: %s %s, %s %s, %s points apart.", md(SectionName(g.Rubric, gap.Section)), md(gap.High), num(gap.HighScore), md(gap.Low), num(gap.LowScore), num(gap.Distance)))
	}
	if hidden > 0 {
		v.Note = fmt.Sprintf("%d %s in role groups of fewer than %d, which are not shown.", hidden, oneOf(hidden == 1, "respondent is", "respondents are"), g.MinGroup)
	}
	return v
}

func roomRules(g *workshop.Group) []string {
	rules := []string{
		fmt.Sprintf("The group's score for a question is the median of the respondents' question scores (\"don't know\" counting as %s, as for one respondent): answers are ordinal, ordered but not evenly spaced, so the median stands for the room, not the mean. Of an even count it is the mean of the two middle scores. The group's answer, which the advice and red flags follow, is the median respondent's, the riskier of the two middle ones of an even count; numbers are the median of the numbers given, and the business case is worked out on those.", num(g.Rubric.DontKnowScore)),
		"Consensus is Tastle and Wierman's, 1 + Σ p × log2(1 − |X − μ| ÷ d), over the real answers (not \"don't know\"): p is the share at scale position X, μ the mean position and d the width of the question's whole scale, not of the answers given. 1 is a unanimous room; 0 a room split evenly between the two ends.",
		"Agreement is van der Eijk's A: the answers' frequencies taken apart in layers, each scored for how unimodal it is. 1 is everyone in one place, 0 answers spread evenly, −1 two camps at the ends; below 0 the room is in two camps. It needs three points on the scale or more (not yes/no).",
		"Positions on the scale: the points of a scale; options and scoring bands ordered by their score, those of the same score sharing a position; for multiple choice the answer's score from 0 to 100 (consensus only; the share who ticked each option is shown). Business-case figures and text are not measured.",
		fmt.Sprintf("A question is a split room when consensus is under %s or agreement under 0; a lone outlier when one answer is two or more positions from the median (on yes/no, the one answer on the other side) and at least three answered; else an agreed risk when the group's score is under its section's low-risk threshold, or agreed and fine.", num(workshop.SplitConsensus)),
		"\"Discuss first\" ranks the split rooms and lone outliers by (1 − consensus) × the question's points in the overall score, against the full weights.",
		fmt.Sprintf("Role groups are the respondents who gave the same role; a group's section score is the median of its members' section scores, and two groups %s or more points apart are a gap.", num(workshop.RoleGapPoints)),
	}
	if g.Anonymous() {
		rules = append(rules, fmt.Sprintf("Anonymous: nobody is named; notes and text answers are listed by their text, never by respondent or file; a question's answers, and a role group, are not shown when fewer than %d gave them.", g.MinGroup))
	}
	return rules
}

// wsWorking writes the group's working: each question's score is the
// median of the room's, said in its line.
func wsWorking(v *wsView, g *workshop.Group) {
	res := g.Result
	for si, sr := range res.Sections {
		if si >= len(v.Working) {
			break
		}
		var rows []string
		total := 0.0 // the weight of the section's scored questions
		for _, qr := range sr.Questions {
			if qr.Scored {
				total += qr.Question.Weight
			}
		}
		for _, qr := range sr.Questions {
			q := qr.Question
			if !q.Scored() {
				continue
			}
			if qr.Scored && (strings.HasPrefix(qr.Reason, "median of") || strings.HasPrefix(qr.Reason, "one respondent")) {
				rows = append(rows, "`"+q.ID+"`: "+num(qr.Score)+" × "+num(q.Weight)+"/"+num(total)+" = "+num(qr.Points)+" ("+md(qr.Reason)+")")
				continue
			}
			rows = append(rows, workingLine(qr, res.Answers, total))
		}
		v.Working[si].Rows = rows
	}
}

// scoreText is a score, or "not scored".
func scoreText(scored bool, score float64) string {
	if !scored {
		return "not scored"
	}
	return num(score)
}
