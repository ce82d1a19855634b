package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// benchModel is a model on the first question of a generated rubric of n
// questions, answers in memory only.
func benchModel(b *testing.B, n int) Model {
	b.Helper()
	r, err := questions.ParseBytes("gen.yaml", testrubric.Generate(n))
	if err != nil {
		b.Fatal(err)
	}
	s := &workspace.Session{Rubric: r, Answers: assessment.New(r, "Bench", assessment.Respondent{}, uiClock)}
	m := New(&workspace.Config{Catalog: &questions.Catalog{Rubrics: []*questions.Rubric{r}}}, r, s, nil)
	nm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return nm.(Model)
}

// BenchmarkKeyPress is one key press on a question (Update and View) with
// a 1,000-question rubric: the cost must not grow with the rubric.
func BenchmarkKeyPress(b *testing.B) {
	m := benchModel(b, 1000)
	// Up and down in the options of q5, a single-choice question: a huh
	// Select redraws every option on each key, the dearest field to draw.
	m = m.showQuestion(m.question.index["q5"], screenQuestion)
	keys := []tea.Msg{keyMsg("down"), keyMsg("up")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		nm, _ := m.Update(keys[i%2])
		m = nm.(Model)
		_ = m.View()
	}
}

// BenchmarkAnswer is storing the answer of a completed field and drawing
// the next question: the step that does rubric-sized work (visibility,
// re-validation, the snapshot for the autosave), with a 1,000-question
// rubric half answered.
func BenchmarkAnswer(b *testing.B) {
	m := benchModel(b, 1000)
	f, err := assessment.Decode("a.yaml", testrubric.AnswersYAML(1000))
	if err != nil {
		b.Fatal(err)
	}
	a, _, err := f.Check(m.sess.Rubric)
	if err != nil {
		b.Fatal(err)
	}
	for id, ans := range a.Answers {
		if id != "q5" && len(m.sess.Answers.Answers) < 500 {
			m.sess.Answers.Answers[id] = ans
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	// q5 is the first single-choice question (q0–q4 hold the business case).
	at := m.question.index["q5"]
	for b.Loop() {
		// Going back to q5 is not part of the key press being measured.
		b.StopTimer()
		m = m.showQuestion(at, screenQuestion)
		m.question.val.one = "good"
		b.StartTimer()
		nm, _ := m.answered()
		m = nm.(Model)
		_ = m.View()
	}
	if got := m.sess.Answers.Answers["q5"]; got == nil || got.Text != "good" {
		b.Fatalf("q5 = %+v", got)
	}
}

// BenchmarkReviewMove is one cursor move in the review of 1,000 answers.
func BenchmarkReviewMove(b *testing.B) {
	m := benchModel(b, 1000)
	m = m.openReview()
	keys := []tea.Msg{keyMsg("down"), keyMsg("up")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		nm, _ := m.Update(keys[i%2])
		m = nm.(Model)
		_ = m.View()
	}
}
