package assessment

import (
	"fmt"
	"testing"
)

var sprintf = fmt.Sprintf

func TestProjectKey(t *testing.T) {
	for _, tc := range []struct{ name, id, want string }{
		{"CRM roll-out EMEA", "", "crm-roll-out-emea"},
		{"CRM Rollout (EMEA)", "crm-roll-out-emea", "crm-roll-out-emea"},
		{"", "", "project"},
	} {
		h := Header{Project: tc.name, ProjectID: tc.id}
		if got := h.ProjectKey(); got != tc.want {
			t.Errorf("ProjectKey(%q, %q) = %q, want %q", tc.name, tc.id, got, tc.want)
		}
	}
}

func TestProjectIDDecoded(t *testing.T) {
	base := "format: 1\nrubric:\n  id: r\nproject: P\nproject_id: %s\nanswers: {}\n"
	f, err := Decode("a.yaml", []byte(sprintf(base, "acme-crm")))
	if err != nil || f.ProjectID != "acme-crm" {
		t.Fatalf("Decode: %v, id %q", err, f.ProjectID)
	}
	if _, err := Decode("a.yaml", []byte(sprintf(base, "Acme CRM"))); err == nil {
		t.Fatal("a project_id that is no slug decoded without a problem")
	}
}
