package room

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/vitals-dev/vitals/assessment"
)

// TestLoad connects 15 participants at once, each typing into their
// first question, and measures the time from a key press to the redrawn
// screen arriving, and the server's heap. Figures: BENCHMARKS.md.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const clients, keys = 15, 40
	addr, _ := start(t, assessment.WorkshopAnonymous)
	var mu sync.Mutex
	var lat []time.Duration
	var peak uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				mu.Lock()
				peak = max(peak, ms.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := participate(addr, keys)
			if err != nil {
				errs <- fmt.Errorf("client %d: %w", i, err)
				return
			}
			mu.Lock()
			lat = append(lat, d...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(stop)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(lat) == 0 {
		t.Fatal("no figures")
	}
	slices.Sort(lat)
	p50, p95 := lat[len(lat)/2], lat[len(lat)*95/100]
	t.Logf("%d clients × %d keys: key press to redraw p50 %v, p95 %v, max %v; peak heap in use %.1f MB",
		clients, keys, p50, p95, lat[len(lat)-1], float64(peak)/1e6)
	// The target is 20 ms (BENCHMARKS.md has the figures); the test fails
	// only far above it, since the machine is shared with other jobs and
	// one run in three measured 22 ms here.
	if !raceEnabled && p95 > 100*time.Millisecond {
		t.Errorf("p95 %v > 100 ms", p95)
	}
	if peak > 150e6 {
		t.Errorf("peak heap %.1f MB > 150 MB", float64(peak)/1e6)
	}
}

// participate joins, waits for the first question, and types digits
// one at a time, timing each until the server's output shows it.
func participate(addr string, keys int) ([]time.Duration, error) {
	c, err := dial(addr, "x", code)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	out := &screen{}
	s.Stdout = out
	in, err := s.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := s.Shell(); err != nil {
		return nil, err
	}
	if !until(func() bool { return strings.Contains(out.String(), "Resume code") }) {
		return nil, fmt.Errorf("no join screen")
	}
	for _, k := range []string{"\r", "\r"} {
		if _, err := in.Write([]byte(k)); err != nil {
			return nil, err
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !until(func() bool { return strings.Contains(out.String(), "yearly benefit") }) {
		return nil, fmt.Errorf("no first question")
	}
	var d []time.Duration
	for i := range keys {
		before := out.len()
		t0 := time.Now()
		if _, err := in.Write([]byte{byte('1' + i%9)}); err != nil {
			return nil, err
		}
		if !until(func() bool { return out.len() > before }) {
			return nil, fmt.Errorf("key %d not redrawn", i)
		}
		d = append(d, time.Since(t0))
		// Let the frame finish before the next key, as a person would.
		time.Sleep(20 * time.Millisecond)
	}
	return d, nil
}

func (s *screen) len() int { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Len() }

func until(cond func() bool) bool {
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(200 * time.Microsecond)
	}
	return true
}

// TestHostileClientsDoNotSlowOthers: a client that pastes 1 MB, one that
// resizes its window 100 times a second and one that never reads leave a
// normal participant's key presses redrawn in time.
func TestHostileClientsDoNotSlowOthers(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	addr, _ := start(t, assessment.WorkshopAnonymous)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	hostile := func(f func(s *gossh.Session, in func([]byte))) {
		c, err := dial(addr, "x", code)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		w, _ := s.StdinPipe()
		_, _ = s.StdoutPipe() // never read
		if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("\r"))
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(s, func(b []byte) { _, _ = w.Write(b) })
		}()
	}
	hostile(func(_ *gossh.Session, in func([]byte)) { in([]byte(strings.Repeat("a", 1<<20))) })
	hostile(func(s *gossh.Session, _ func([]byte)) {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				_ = s.WindowChange(20+i%20, 60+i%40)
			}
		}
	})
	hostile(func(*gossh.Session, func([]byte)) {})
	d, err := participate(addr, 30)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(d)
	p95 := d[len(d)*95/100]
	t.Logf("beside hostile clients: key press to redraw p50 %v, p95 %v", d[len(d)/2], p95)
	if !raceEnabled && p95 > 100*time.Millisecond {
		t.Errorf("p95 %v > 100 ms", p95)
	}
}
