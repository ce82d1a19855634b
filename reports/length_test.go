package reports_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// maxWords is the most a report of a complete five-sign answer set may
// run to, counted as wc -w counts.
const maxWords = 2500

// randomAnswers answers every question of res's rubric at random, as a
// respondent might: any option, any subset of a multiple choice (a "none
// of these" option alone), any scale point, numbers and dates anywhere in
// a plausible range, and "don't know" now and then where it is offered.
// The answers are valid: Validate accepts each of them.
// Project, respondent, dates and notes stay those of res.
func randomAnswers(rng *rand.Rand, res *assessment.Result) *assessment.Result {
	a := res.Answers
	old := a.Answers
	a.Answers = map[string]*assessment.Answer{}
	dontKnow := rng.Float64() / 5 // some respondents know nearly everything
	for _, q := range res.Rubric.Questions() {
		an := &assessment.Answer{}
		if o := old[q.ID]; o != nil {
			an.Note = o.Note
		}
		a.Answers[q.ID] = an
		if q.DontKnow && rng.Float64() < dontKnow {
			an.DontKnow = true
			continue
		}
		switch q.Kind {
		case questions.Single, questions.YesNo:
			an.Text = q.Options[rng.IntN(len(q.Options))].Value
		case questions.Multi:
			an.Choices = []string{}
			if ex := q.ExclusiveOption(); ex != nil && rng.IntN(len(q.Options)) == 0 {
				an.Choices = []string{ex.Value}
				break
			}
			// Some respondents tick most practices, some hardly any.
			p := rng.Float64()
			for _, o := range q.Options {
				if !o.Exclusive && rng.Float64() < p {
					an.Choices = append(an.Choices, o.Value)
				}
			}
			if ex := q.ExclusiveOption(); ex != nil && len(an.Choices) == 0 {
				an.Choices = []string{ex.Value} // "none applies" is said by choosing it
			}
		case questions.Scale:
			an.Number = *q.Min + float64(rng.IntN(int(*q.Max-*q.Min)+1))
		case questions.Number:
			lo, hi := 0.0, 5e6
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = *q.Max
			}
			an.Number = lo + float64(rng.IntN(int(hi-lo)+1))
		case questions.Date:
			// From a year before the assessment to four years after it:
			// before, at and long after go-live.
			an.Text = a.Started.AddDate(0, rng.IntN(60)-12, 0).Format(assessment.DateLayout)
		case questions.Text:
			an.Text = "Sales reps still keep their pipeline in spreadsheets."
		}
	}
	return assessment.Score(res.Rubric, a)
}

// sectionWords counts the words of each level-2 and level-3 section of a
// report, for a message that shows where the words go.
func sectionWords(md string) string {
	var b strings.Builder
	head, n := "(title)", 0
	flush := func() { fmt.Fprintf(&b, "  %5d  %s\n", n, head) }
	for line := range strings.SplitSeq(md, "\n") {
		if strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### ") {
			flush()
			head, n = line, 0
		}
		n += words(line)
	}
	flush()
	return b.String()
}

// Every complete answer set of the five warning signs gives a report of
// at most 2,500 words: a few hundred drawn at random (the seed is fixed,
// so a failure is repeatable) and the worst answers to every question.
func TestReportLengthRandom(t *testing.T) {
	const sets = 300
	fixture := filepath.Join("testdata", "fws-healthy.yaml")
	rng := rand.New(rand.NewPCG(1, 2))
	longest, over := 0, 0
	check := func(name string, res *assessment.Result) {
		if !res.Answers.Complete || res.Rubric.ID != "five-warning-signs" {
			t.Fatalf("%s is not a complete five-sign answer set", name)
		}
		md := string(render(t, res, reports.Markdown))
		n := words(md)
		longest = max(longest, n)
		if n > maxWords {
			over++
			if over <= 3 { // the first few say enough
				t.Errorf("%s: %d words, want at most %d; words by section:\n%s", name, n, maxWords, sectionWords(md))
			}
		}
	}
	check("worst answers", worstAnswers(loadFixture(t, fixture)))
	for i := range sets {
		check(fmt.Sprintf("random set %d (PCG seed 1, 2)", i), randomAnswers(rng, loadFixture(t, fixture)))
	}
	if over > 0 {
		t.Errorf("%d of %d answer sets over %d words; the longest has %d", over, sets+1, maxWords, longest)
	}
	t.Logf("longest of %d answer sets: %d words", sets+1, longest)
}

// The random answers are complete and valid: every question asked has an
// answer that Validate accepts, some are "don't know", and some answers
// leave questions not asked.
func TestRandomAnswersComplete(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	seen := map[assessment.Status]bool{}
	for range 50 {
		res = randomAnswers(rng, res)
		for _, sr := range res.Sections {
			for _, qr := range sr.Questions {
				seen[qr.Status] = true
				if qr.Answer == nil {
					continue
				}
				if err := assessment.Validate(qr.Question, qr.Answer); err != nil {
					t.Errorf("%s: %v", qr.Question.ID, err)
				}
			}
		}
	}
	if seen[assessment.Unanswered] {
		t.Error("a random answer set leaves a question unanswered")
	}
	for _, s := range []assessment.Status{assessment.Answered, assessment.DontKnow, assessment.Hidden} {
		if !seen[s] {
			t.Errorf("no random answer set has a question of status %v", s)
		}
	}
}
