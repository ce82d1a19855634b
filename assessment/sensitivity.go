package assessment

import (
	"fmt"
	"math"
	"slices"

	"github.com/vitals-dev/vitals/questions"
)

// StandardAdoption is the adoption levels, in percent, every business case is
// tried at.
var StandardAdoption = []float64{25, 50, 75, 100}

// Sensitivity is the business case of warning sign 1 worked out at several
// adoption levels: what the project returns if only some of the people it
// was bought for use it.
type Sensitivity struct {
	// Available is false when an input is missing; Missing then names the
	// questions whose answers are needed.
	Available bool
	Missing   []*questions.Question
	// Problem explains inputs that are given but unusable (a horizon of 0).
	Problem string

	AnnualBenefit, OneOffCost, RunningCost, HorizonYears float64
	// Assumed is the adoption the case assumes, in percent; HasAssumed is
	// false when it was not given.
	Assumed    float64
	HasAssumed bool
	Currency   string

	// Scenarios at 25, 50, 75 and 100 % adoption, and at the assumed
	// adoption when it is not one of those, in ascending order.
	Scenarios []Scenario
	// BreakEven is the adoption, in percent, at which the benefit over the
	// horizon equals the cost. It can exceed 100: then no adoption level
	// pays back, which Reachable says.
	BreakEven    float64
	HasBreakEven bool
	Reachable    bool
}

// Scenario is the business case at one adoption level.
type Scenario struct {
	Adoption float64 // percent
	Assumed  bool
	// Benefit and Cost are totals over the horizon; Net = Benefit − Cost.
	Benefit, Cost, Net float64
	// ROI is Net / Cost in percent; HasROI is false when Cost is 0.
	ROI    float64
	HasROI bool
	// PaybackMonths is when the cumulative benefit first covers the
	// one-off cost; Pays is false when the yearly benefit never exceeds the
	// running cost.
	PaybackMonths float64
	Pays          bool
}

// BusinessCase works out the sensitivity of r's business case from a, or
// returns nil when the rubric has no business case.
func BusinessCase(r *questions.Rubric, a *Answers, vis map[string]bool) *Sensitivity {
	bc := r.BusinessCase
	if bc == nil {
		return nil
	}
	s := &Sensitivity{Currency: bc.Currency}
	get := func(id string, dst *float64) bool {
		ans := a.Answers[id]
		if ans == nil || ans.DontKnow || !vis[id] {
			s.Missing = append(s.Missing, r.Question(id))
			return false
		}
		*dst = ans.Number
		return true
	}
	ok := get(bc.AnnualBenefit, &s.AnnualBenefit)
	ok = get(bc.OneOffCost, &s.OneOffCost) && ok
	ok = get(bc.RunningCost, &s.RunningCost) && ok
	ok = get(bc.HorizonYears, &s.HorizonYears) && ok
	if ans := a.Answers[bc.AssumedAdoption]; ans != nil && !ans.DontKnow && vis[bc.AssumedAdoption] {
		s.Assumed, s.HasAssumed = ans.Number, true
	}
	if !ok {
		return s
	}
	switch {
	case s.HorizonYears <= 0:
		s.Problem = "the horizon must be more than 0 years"
		return s
	case s.AnnualBenefit < 0 || s.OneOffCost < 0 || s.RunningCost < 0:
		s.Problem = "benefit and costs must not be negative"
		return s
	}
	s.Available = true
	levels := StandardAdoption
	if s.HasAssumed && !slices.Contains(levels, s.Assumed) {
		levels = append(slices.Clone(levels), s.Assumed)
		slices.Sort(levels)
	}
	for _, l := range levels {
		sc := s.At(l)
		sc.Assumed = s.HasAssumed && l == s.Assumed
		s.Scenarios = append(s.Scenarios, sc)
	}
	cost := s.OneOffCost + s.RunningCost*s.HorizonYears
	full := s.AnnualBenefit * s.HorizonYears
	switch {
	case cost == 0 && full == 0:
		// Nothing spent and nothing gained: no level to break even at.
	case cost == 0:
		s.BreakEven, s.HasBreakEven, s.Reachable = 0, true, true
	case full > 0:
		s.BreakEven = 100 * cost / full
		s.HasBreakEven = true
		s.Reachable = s.BreakEven <= 100
	}
	return s
}

// At works the case out at adoption percent.
func (s *Sensitivity) At(adoption float64) Scenario {
	f := adoption / 100
	sc := Scenario{Adoption: adoption}
	sc.Benefit = f * s.AnnualBenefit * s.HorizonYears
	sc.Cost = s.OneOffCost + s.RunningCost*s.HorizonYears
	sc.Net = sc.Benefit - sc.Cost
	if sc.Cost > 0 {
		sc.ROI, sc.HasROI = 100*sc.Net/sc.Cost, true
	}
	monthly := (f*s.AnnualBenefit - s.RunningCost) / 12
	switch {
	case s.OneOffCost == 0 && monthly >= 0:
		sc.PaybackMonths, sc.Pays = 0, true
	case monthly > 0:
		sc.PaybackMonths, sc.Pays = s.OneOffCost/monthly, true
	}
	return sc
}

// Summary says in one sentence what the break-even means. Percentages
// are given to one decimal, as in the report's table, and the sentence
// compares the numbers it prints, so it never contradicts them.
func (s *Sensitivity) Summary() string {
	be, assumed := Round1(s.BreakEven), Round1(s.Assumed)
	switch {
	case !s.Available:
		return ""
	case !s.HasBreakEven && s.AnnualBenefit*s.HorizonYears == 0 && s.OneOffCost+s.RunningCost*s.HorizonYears == 0:
		return "With no cost and no benefit entered, there is nothing to pay back."
	case !s.HasBreakEven:
		return "With no benefit, the project never pays back at any adoption level."
	case !s.Reachable:
		return fmt.Sprintf("Even with everyone using the system, the case does not pay back within %s: it needs %s%% adoption.", years(s.HorizonYears), FormatNumber(be))
	case s.HasAssumed && assumed < be:
		return fmt.Sprintf("The case assumes %s%% adoption but needs %s%% just to break even: it loses money as planned.", FormatNumber(assumed), FormatNumber(be))
	case s.HasAssumed && assumed == be:
		return fmt.Sprintf("The case breaks even at %s%% adoption, exactly the adoption it assumes: no margin at all.", FormatNumber(be))
	case s.HasAssumed:
		return fmt.Sprintf("The case breaks even at %s%% adoption; it assumes %s%%, so the margin is %s points.", FormatNumber(be), FormatNumber(assumed), FormatNumber(Round1(assumed-be)))
	}
	return fmt.Sprintf("The case breaks even at %s%% adoption over %s.", FormatNumber(be), years(s.HorizonYears))
}

// years is "1 year" or "5 years".
func years(x float64) string {
	if x == 1 {
		return "1 year"
	}
	return FormatNumber(x) + " years"
}

// Round1 rounds x to one decimal, as scores and percentages are shown, so
// reports and files do not show floating-point noise.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }
