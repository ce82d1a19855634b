package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startShell runs script with sh in dir in a 100×30 tmux window.
func startShell(t *testing.T, dir, script string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: "vitals-e2e-" + strconv.Itoa(os.Getpid()), name: fmt.Sprintf("s%d", time.Now().UnixNano()), dir: dir}
	for try := 1; ; try++ {
		out, err := exec.Command("tmux", "-L", s.socket, "new-session", "-d", "-s", s.name, "-x", "100", "-y", "30",
			"-e", "NO_COLOR=1", "-e", "TERM=xterm-256color", "sh", "-c", "cd "+shq(dir)+" && "+script+"; sleep 30").CombinedOutput()
		if err == nil {
			break
		}
		if try == 5 {
			t.Fatalf("tmux new-session: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Cleanup(s.close)
	return s
}

// sshArgs are the OpenSSH client's options for a test: no known hosts,
// the password from an askpass script (sshpass is not needed).
func sshEnv(dir, code string) []string {
	pass := filepath.Join(dir, "askpass-"+code)
	_ = os.WriteFile(pass, []byte("#!/bin/sh\necho "+code+"\n"), 0o700)
	return []string{"SSH_ASKPASS=" + pass, "SSH_ASKPASS_REQUIRE=force"}
}

const sshOpts = "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"

func needSSH(t *testing.T) {
	t.Helper()
	needTmux(t)
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no OpenSSH client")
	}
}

// TestE2EServeThreeParticipants: three participants answer at once with
// the real OpenSSH client; the report written at the end equals vitals
// report of the same answers files.
func TestE2EServeThreeParticipants(t *testing.T) {
	needSSH(t)
	dir := t.TempDir()
	srv := startVitals(t, dir, "workshop", "serve", "--dir", "ws", "--rubric", "five-warning-signs", "--project", "E2E", "--code", "ACDEFG", "--listen", "127.0.0.1:0")
	port := regexp.MustCompile(`ssh -p (\d+) 127\.0\.0\.1`).FindStringSubmatch(srv.waitFor(`ssh -p \d+`))[1]
	env := strings.Join(sshEnv(dir, "ACDEFG"), " ")
	var ps []*tmuxSession
	for _, who := range []string{"alice", "bob", "carol"} {
		ps = append(ps, startShell(t, dir, env+" ssh "+sshOpts+" -p "+port+" "+who+"@127.0.0.1"))
	}
	scr := make([]string, len(ps))
	for i, p := range ps {
		scr[i] = p.join([]string{"Alice", "Bob", "Carol"}[i], "Key user")
	}
	srv.waitFor(`3 joined, 3 connected now, 0 finished`)
	// Round robin: one question each in turn, so all three answer at once.
	done := make([]bool, len(ps))
	for step := 0; ; step++ {
		if step > 200 {
			t.Fatal("more than 200 questions")
		}
		left := 0
		for i, p := range ps {
			if done[i] {
				continue
			}
			if strings.Contains(scr[i], "Review your answers") {
				done[i] = true
				continue
			}
			left++
			p.answerCurrent(scr[i])
			scr[i] = p.waitFor(`Review your answers|Sign \d of 5`)
		}
		if left == 0 {
			break
		}
	}
	if strings.Contains(srv.screen(), "yearly benefit") {
		t.Fatalf("the facilitator's screen shows answers before the reveal:\n%s", srv.screen())
	}
	for _, p := range ps {
		p.keys("r")
		p.waitFor(`Overall \d+`)
		if strings.Contains(p.screen(), "save report") {
			t.Fatalf("a participant is offered to save a report on the server:\n%s", p.screen())
		}
		p.keys("Enter")
		p.waitFor(`your answers are saved`)
	}
	srv.waitFor(`3 finished`)
	srv.keys("r")
	srv.waitFor(`## Where the room disagrees`)
	srv.keys("C-c")
	srv.waitFor(`End the workshop\?`)
	srv.keys("C-c")
	if rc := srv.exitStatus(); rc != 0 {
		t.Fatalf("exit status %d:\n%s", rc, srv.screen())
	}
	srv.waitFor(`merged report: ws/workshop-report.md`)
	got, err := os.ReadFile(filepath.Join(dir, "ws", "workshop-report.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildVitals(t), "report", "ws")
	cmd.Dir = dir
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("vitals report ws: %v", err)
	}
	if string(got) != string(want) {
		t.Fatalf("the served workshop's report differs from vitals report ws")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ws", "*.answers.yaml"))
	if len(files) != 3 {
		t.Fatalf("answers files: %v", files)
	}
}

// join types the name and role on a participant's join screen and
// returns the first question's screen.
func (s *tmuxSession) join(name, role string) string {
	s.t.Helper()
	s.waitFor(`Who is answering\?`)
	s.text(name)
	s.keys("Enter")
	s.waitFor(`> Your role|┃ Your role`)
	if role != "" {
		s.text(role)
	}
	s.keys("Enter")
	return s.waitFor(`Sign 1 of 5 · question 1 of`)
}

// TestE2EServeRefuses: a wrong code, a command, sftp and port
// forwarding both ways (ssh -N -L, ssh -N -R) are refused by the real
// clients.
func TestE2EServeRefuses(t *testing.T) {
	needSSH(t)
	dir := t.TempDir()
	srv := startVitals(t, dir, "workshop", "serve", "--dir", "ws", "--project", "E2E", "--code", "ACDEFG", "--listen", "127.0.0.1:0")
	port := regexp.MustCompile(`ssh -p (\d+) 127\.0\.0\.1`).FindStringSubmatch(srv.waitFor(`ssh -p \d+`))[1]
	run := func(env []string, name string, args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdin = nil
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	opts := strings.Fields(sshOpts)
	out, err := run(sshEnv(dir, "WRONG9"), "ssh", append(opts, "-p", port, "x@127.0.0.1", "--", "true")...)
	if err == nil || !(strings.Contains(out, "Permission denied") || strings.Contains(out, "too many authentication failures")) {
		t.Errorf("wrong code: %v\n%s", err, out)
	}
	out, err = run(sshEnv(dir, "ACDEFG"), "ssh", append(opts, "-p", port, "x@127.0.0.1", "--", "ls")...)
	if err == nil || !strings.Contains(out, "connect without a command") {
		t.Errorf("ssh -- ls: %v\n%s", err, out)
	}
	if _, lerr := exec.LookPath("sftp"); lerr == nil {
		out, err = run(sshEnv(dir, "ACDEFG"), "sftp", append(opts, "-P", port, "-b", "/dev/null", "x@127.0.0.1")...)
		if err == nil {
			t.Errorf("sftp was let in:\n%s", out)
		}
	}
	// ssh -N -R: the remote forward is asked at once, and refused.
	svc, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	reached := make(chan struct{}, 1)
	go func() {
		if c, err := svc.Accept(); err == nil {
			c.Close()
			reached <- struct{}{}
		}
	}()
	out, err = run(sshEnv(dir, "ACDEFG"), "ssh", append(opts, "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:"+svc.Addr().String(), "-p", port, "x@127.0.0.1")...)
	if err == nil || !strings.Contains(out, "forwarding failed") {
		t.Errorf("ssh -N -R: %v\n%s", err, out)
	}
	// ssh -N -L: the forward is asked when something connects to the
	// local port; the server refuses the channel and the local
	// connection is closed without reaching the service.
	local := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// At the INFO log level ssh says why the forward failed (ssh takes
	// the first value of an option given twice).
	verbose := strings.Fields(strings.Replace(sshOpts, "LogLevel=ERROR", "LogLevel=INFO", 1))
	fwd := exec.CommandContext(ctx, "ssh", append(verbose, "-N", "-o", "ExitOnForwardFailure=yes", "-L", local+":"+svc.Addr().String(), "-p", port, "x@127.0.0.1")...)
	fwd.Env = append(os.Environ(), sshEnv(dir, "ACDEFG")...)
	var fwdOut strings.Builder
	fwd.Stdout, fwd.Stderr = &fwdOut, &fwdOut
	if err := fwd.Start(); err != nil {
		t.Fatal(err)
	}
	var conn net.Conn
	for deadline := time.Now().Add(15 * time.Second); conn == nil; {
		if conn, err = net.Dial("tcp", "127.0.0.1:"+local); err != nil {
			if time.Now().After(deadline) {
				t.Fatalf("ssh -L never listened: %v", err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := conn.Read(make([]byte, 1)); err == nil || n > 0 {
		t.Errorf("the forwarded connection stayed open (%d, %v)", n, err)
	}
	conn.Close()
	_ = fwd.Process.Kill()
	_ = fwd.Wait()
	if !strings.Contains(fwdOut.String(), "open failed") {
		t.Errorf("ssh -N -L was not told the forward is refused:\n%s", fwdOut.String())
	}
	select {
	case <-reached:
		t.Error("a forward reached the service behind the server")
	default:
	}
	srv.keys("C-c")
	srv.waitFor(`End the workshop\?`)
	srv.keys("C-c")
	if rc := srv.exitStatus(); rc != 0 {
		t.Fatalf("exit status %d:\n%s", rc, srv.screen())
	}
}

// freePort is a local TCP port nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// TestE2EServeKill9Resume: after kill -9 of the server, the answer a
// participant saw taken is on disk, and restarting in the same folder
// and connecting again and typing the same name goes on at the next question,
// with the same host key.
func TestE2EServeKill9Resume(t *testing.T) {
	needSSH(t)
	dir := t.TempDir()
	args := []string{"workshop", "serve", "--dir", "ws", "--project", "E2E", "--code", "ACDEFG", "--listen", "127.0.0.1:0"}
	portOf := func(s *tmuxSession) (string, string) {
		scr := s.waitFor(`Host key: +SHA256:\S+`)
		return regexp.MustCompile(`ssh -p (\d+) 127\.0\.0\.1`).FindStringSubmatch(scr)[1],
			regexp.MustCompile(`SHA256:\S+`).FindString(scr)
	}
	srv := startVitals(t, dir, args...)
	port, key1 := portOf(srv)
	env := strings.Join(sshEnv(dir, "ACDEFG"), " ")
	alice := startShell(t, dir, env+" ssh "+sshOpts+" -p "+port+" alice@127.0.0.1")
	scr := alice.join("Alice", "")
	alice.answerCurrent(scr)
	alice.waitFor(`question 2 of`)
	if err := exec.Command("kill", "-9", strconv.Itoa(srv.pid())).Run(); err != nil {
		t.Fatal(err)
	}
	srv.exitStatus()
	files, _ := filepath.Glob(filepath.Join(dir, "ws", "*alice.answers.yaml"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), "bc-annual-benefit") {
		t.Fatalf("the acknowledged answer is not on disk:\n%s", data)
	}
	srv2 := startVitals(t, dir, args...)
	port2, key2 := portOf(srv2)
	if key1 != key2 {
		t.Errorf("host key changed on restart: %s, then %s", key1, key2)
	}
	again := startShell(t, dir, env+" ssh "+sshOpts+" -p "+port2+" someone@127.0.0.1")
	again.waitFor(`Your name`)
	again.text("alice")
	again.keys("Enter")
	again.waitFor(`Your role`)
	again.keys("Enter")
	again.waitFor(`question 2 of`)
	srv2.keys("C-c")
	srv2.waitFor(`End the workshop\?`)
	srv2.keys("C-c")
	if rc := srv2.exitStatus(); rc != 0 {
		t.Fatalf("exit status %d:\n%s", rc, srv2.screen())
	}
}
