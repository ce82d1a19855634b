package room

import (
	"fmt"
	"log"
	"strings"
	"testing"
)

func TestEventsKeepTheLastLines(t *testing.T) {
	ev := &Events{}
	l := log.New(ev, "", 0)
	for i := range maxEvents + 50 {
		l.Printf("wrong join code from 10.0.0.%d (failure %d)", i%250, i)
	}
	fmt.Fprint(ev, "half a line")
	got := ev.Last(2)
	if len(got) != 2 || !strings.HasSuffix(got[1], fmt.Sprintf("(failure %d)", maxEvents+49)) || strings.Contains(strings.Join(got, ""), "half") {
		t.Errorf("last two: %q", got)
	}
	if n := len(ev.Last(1000)); n != maxEvents {
		t.Errorf("kept %d lines, want %d", n, maxEvents)
	}
}
