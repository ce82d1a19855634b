package gate

import (
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/questions"
)

func TestParsePolicy(t *testing.T) {
	p, err := ParsePolicy("p.yaml", []byte("max_age_days: 30\nfail_on: medium\nwarn_on: low\nallow_unknown: true\nregression: fail\nrequire_complete: false\nsigns:\n  business-case: {fail_on: none, warn_on: high}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxAge != 30 || p.FailOn != questions.RiskMedium || p.WarnOn != questions.RiskLow || !p.AllowUnknown || p.Regression != Fail || p.RequireComplete {
		t.Errorf("policy %+v", p)
	}
	if r := p.Signs["business-case"]; r.FailOn != questions.RiskNone || !r.failSet || r.WarnOn != questions.RiskHigh {
		t.Errorf("sign rule %+v", r)
	}
	d, err := ParsePolicy("p.yaml", []byte("# nothing set\n"))
	if err != nil || d.MaxAge != DefaultMaxAge || d.FailOn != questions.RiskHigh || d.Regression != Warn || !d.RequireComplete {
		t.Errorf("comment-only policy: %+v, %v", d, err)
	}
}

func TestPolicyErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"max_age: 30\n", `p.yaml:1:1: unknown key "max_age" in policy (known keys: max_age_days, fail_on`},
		{"max_age_days: 0\n", "p.yaml:1:15: max_age_days must be at least 1, got 0"},
		{"max_age_days: 1.5\n", "p.yaml:1:15: max_age_days must be a whole number, got the number 1.5"},
		{"fail_on: hihg\n", `p.yaml:1:10: fail_on must be low, medium, high, unknown or none, got "hihg" (did you mean "high"?)`},
		{"warn_on: no\n", "p.yaml:1:10: warn_on must be low, medium, high, unknown or none, got \"no\""},
		{"regression: true\n", "p.yaml:1:13: regression must be text, got the boolean true"},
		{"regression: sometimes\n", `p.yaml:1:13: regression must be fail, warn or off, got "sometimes"`},
		{"signs:\n  - business-case\n", "p.yaml:2:3: signs must be a mapping of sign ids to rules, got a list"},
		{"signs:\n  business-case: {fial_on: high}\n", `p.yaml:2:19: unknown key "fial_on" in signs.business-case (did you mean "fail_on"?)`},
		{"fail_on: [high\n", "p.yaml:2:1: YAML syntax error"},
		{"fail_on: medium\nwarn_on: high\n", "p.yaml:2:10: warn_on high is above fail_on medium: it would never warn (warn at medium or below, or set fail_on higher)"},
		{"- high\n", "p.yaml:1:1: policy must be a mapping of keys to values, got a list"},
	} {
		_, err := ParsePolicy("p.yaml", []byte(tc.in))
		if err == nil {
			t.Errorf("%q: no error", tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, err, tc.want)
		}
	}
}

func TestCheckSignsPlacesUnknownSign(t *testing.T) {
	p, err := ParsePolicy("p.yaml", []byte("fail_on: high\nsigns:\n  busines-case: {fail_on: low}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &questions.Rubric{Sections: []*questions.Section{{ID: "business-case"}, {ID: "accountability"}}}
	err = p.CheckSigns([]*questions.Rubric{r})
	if err == nil || !strings.Contains(err.Error(), `p.yaml:3:3: unknown sign "busines-case": no rubric of the projects checked has it (did you mean "business-case"?)`) {
		t.Errorf("got %v", err)
	}
}

func TestFires(t *testing.T) {
	const (
		n = questions.RiskNone
		l = questions.RiskLow
		m = questions.RiskMedium
		h = questions.RiskHigh
		u = questions.RiskUnknown
	)
	for _, tc := range []struct {
		risk, at     questions.Risk
		allowUnknown bool
		want         bool
	}{
		{h, h, false, true}, {m, h, false, false}, {h, m, false, true}, {m, m, false, true}, {l, m, false, false},
		{u, h, false, true}, {u, h, true, false}, {u, m, true, false}, {u, u, false, true}, {h, u, false, false},
		{l, l, false, true}, {u, l, true, true}, {n, l, false, false}, {h, n, false, false},
	} {
		if got := Fires(tc.risk, tc.at, tc.allowUnknown); got != tc.want {
			t.Errorf("Fires(%q, %q, %v) = %v", tc.risk, tc.at, tc.allowUnknown, got)
		}
	}
}
