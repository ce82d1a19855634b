//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package workspace

import (
	"errors"

	"golang.org/x/sys/unix"
)

// dirStat asks the system about files in one folder by name (fstatat),
// without a path walk from the root for each.
type dirStat struct{ fd int }

func openDirStat(dir string) (*dirStat, error) {
	for {
		fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &dirStat{fd: fd}, nil
	}
}

// key is the file key of name, following a symbolic link as opening it
// does.
func (d *dirStat) key(name string) (fileKey, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(d.fd, name, &st, 0)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return fileKey{}, err
		}
		break
	}
	return fileKey{
		dev:   uint64(st.Dev),
		ino:   uint64(st.Ino),
		size:  int64(st.Size),
		mtime: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec),
		ctime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
	}, nil
}

func (d *dirStat) close() { unix.Close(d.fd) }
