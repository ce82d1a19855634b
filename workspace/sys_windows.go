//go:build windows

package workspace

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// readUmask: Windows has no umask.
func readUmask() os.FileMode { return 0 }

// processAlive reports whether process pid is running.
func processAlive(pid int) (alive, known bool) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return err == windows.ERROR_ACCESS_DENIED, true
	}
	defer windows.CloseHandle(h)
	var code uint32
	if windows.GetExitCodeProcess(h, &code) != nil {
		return false, false
	}
	return code == 259 /* STILL_ACTIVE */, true
}

// keepOwner: file ownership is not carried over on Windows.
func keepOwner(*os.File, os.FileInfo) {}

// lockOffset is the byte locked: far past the record, so readers of the
// record are not blocked by the lock.
const lockOffset = 1 << 30

// tryLock locks a byte of f exclusively without waiting.
func tryLock(f *os.File) (bool, error) {
	ol := new(windows.Overlapped)
	ol.Offset = lockOffset
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err == windows.ERROR_LOCK_VIOLATION || err == windows.ERROR_IO_PENDING {
		return false, nil
	}
	return err == nil, err
}

// stillNamed: on Windows an open file cannot be removed, so it is.
func stillNamed(*os.File, string) bool { return true }

// unlock closes the lock file, then removes it. Windows cannot remove a
// file another process has open, so a session that opened it meanwhile
// keeps it, and the failed removal is no error.
func unlock(f *os.File, path string) error {
	err := f.Close()
	_ = os.Remove(path)
	return err
}

// readPrefix reads the start of the file at path into buf, as far as buf
// goes.
func readPrefix(path string, buf []byte) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return n, err
}
