package room

import (
	"fmt"
	"sync"
	"time"

	"charm.land/ssh"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/workspace"
)

// participant is what the facilitator's screen knows of one participant:
// never their answers, which it reads from the files only after the
// reveal.
type participant struct {
	mu        sync.Mutex
	label     string
	path      string
	connected bool
	last      time.Time
}

// Status is one participant as the facilitator's screen shows them.
type Status struct {
	Label     string
	Path      string
	Connected bool
	Last      time.Time
}

// join records a participant who connected; one who reconnects (the same
// file) is the same participant again.
func (s *Server) join(num int, ws *workspace.Session) *participant {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.people {
		if p.path == ws.Path {
			p.mu.Lock()
			p.connected, p.last = true, time.Now()
			p.mu.Unlock()
			return p
		}
	}
	label := ws.Answers.Respondent.Name
	if s.cfg.Mode != assessment.WorkshopNamed || label == "" {
		label = fmt.Sprintf("participant %d", len(s.people)+1)
	}
	p := &participant{label: label, path: ws.Path, connected: true, last: time.Now()}
	s.people = append(s.people, p)
	return p
}

func (p *participant) leave() {
	p.mu.Lock()
	p.connected = false
	p.mu.Unlock()
}

func (p *participant) touch() {
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
}

// Participants returns every participant so far, in the order they joined.
func (s *Server) Participants() []Status {
	s.mu.Lock()
	people := append([]*participant(nil), s.people...)
	s.mu.Unlock()
	out := make([]Status, len(people))
	for i, p := range people {
		p.mu.Lock()
		out[i] = Status{Label: p.label, Path: p.path, Connected: p.connected, Last: p.last}
		p.mu.Unlock()
	}
	return out
}

// activity marks a participant active whenever they type.
type activity struct {
	ssh.Session
	p *participant
}

func (a activity) Read(b []byte) (int, error) {
	n, err := a.Session.Read(b)
	if n > 0 {
		a.p.touch()
	}
	return n, err
}
