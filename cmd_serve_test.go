package main

import (
	"net"
	"strings"
	"testing"
)

// TestJoinHosts: a server open to the room tells participants this
// machine's addresses, never "::" or "0.0.0.0", which on their laptops
// would be their own machine.
func TestJoinHosts(t *testing.T) {
	if got := joinHosts("127.0.0.1"); len(got) != 1 || got[0] != "127.0.0.1" {
		t.Errorf("loopback: %v", got)
	}
	if got := joinHosts("::1"); len(got) != 1 || got[0] != "[::1]" {
		t.Errorf("IPv6 loopback: %v", got)
	}
	for _, any := range []string{"0.0.0.0", "::"} {
		got := joinHosts(any)
		if len(got) == 0 {
			t.Fatalf("%s: no address", any)
		}
		for _, h := range got {
			ip := net.ParseIP(strings.Trim(h, "[]"))
			if ip == nil || ip.IsUnspecified() || (ip.IsLoopback() && len(got) > 1) {
				t.Errorf("%s: %q in %v", any, h, got)
			}
			if any == "0.0.0.0" && ip.To4() == nil {
				t.Errorf("an IPv4 listener offers %q", h)
			}
		}
	}
}
