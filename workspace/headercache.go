package workspace

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// The header cache keeps, outside the assessments folder, the headers of a
// large folder's answers files with what the system said about each file
// (device, inode, size, modification and change times) when it was read.
// Finding unfinished runs then asks the system about each file (one
// fstatat) instead of opening and reading it (three calls), and reads only
// the files whose answer differs: opening a thousand files was most of
// the cost of the first frame in such a folder.
//
// A header is taken from the cache only when all of the file's stat
// matches, change time to the nanosecond. Every write to a file, by any
// program, and every chmod, rename or touch sets its change time to the
// system's clock, which no program can set back; a file replaced by
// another (git checkout, an atomic save) has another inode as well. What
// the clock cannot tell apart is a change in the same tick as the read,
// so a file changed less than racyWindow before it was read is not cached
// (git's "racily clean" index entries, the same problem).
//
// The cache is only a shortcut: a missing, corrupt, foreign or unwritable
// cache file means the headers are read from the files, as without it.

var (
	// cacheMin is the fewest answers files a folder must hold to get a
	// cache file: below it, reading them costs less than a millisecond.
	cacheMin = 64
	// racyWindow is how long ago a file must have last changed for its
	// header to be cached: more than any file system's timestamp tick
	// (FAT's two seconds) and the coarse clock the kernel stamps with.
	racyWindow = 3 * time.Second
	// cacheWrites counts cache files being written, for tests.
	cacheWrites sync.WaitGroup
	// userCacheDir and cacheNow are the user's cache folder and the
	// clock; tests replace them.
	userCacheDir = os.UserCacheDir
	cacheNow     = time.Now
)

// cacheMagic starts every cache file; a new layout takes a new number.
const cacheMagic = "vitals header cache 1\n"

// maxCacheFile is the largest cache file read: a folder of 100,000
// answers files comes to about 15 MB.
const maxCacheFile = 64 << 20

// fileKey is what the system says about a file that changes with every
// change to it.
type fileKey struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds since 1970
}

// settled reports whether the file had not changed for racyWindow at
// time t: any later change gives it another change time.
func (k fileKey) settled(t time.Time) bool {
	limit := t.Add(-racyWindow).UnixNano()
	return k.ctime < limit && k.mtime < limit
}

// cachedHeader is one file's entry: its name in the folder, its key and
// the header fields that finding runs uses.
type cachedHeader struct {
	name       string
	key        fileKey
	rubric     string
	project    string
	respondent assessment.Respondent
	// updated is in Unix seconds and nanoseconds: a zero time (a file
	// that gives none) does not fit in int64 nanoseconds.
	updated, updatedNsec int64
	complete             bool
}

func (c cachedHeader) header(path string) assessment.Header {
	var h assessment.Header
	h.Rubric.ID = c.rubric
	h.Project = c.project
	h.Respondent = c.respondent
	h.Updated = time.Unix(c.updated, c.updatedNsec).UTC()
	h.Complete = c.complete
	h.File = path
	return h
}

func newCachedHeader(name string, k fileKey, h assessment.Header) cachedHeader {
	return cachedHeader{name: name, key: k, rubric: h.Rubric.ID, project: h.Project, respondent: h.Respondent,
		updated: h.Updated.Unix(), updatedNsec: int64(h.Updated.Nanosecond()), complete: h.Complete}
}

// headerCache reads the headers of one folder's files, through the cache
// where it can.
type headerCache struct {
	dir    string
	folder string // dir made absolute, as written in the cache file
	file   string // the cache file
	stat   *dirStat
	// old is the cache file's entries, sorted by name; next collects the
	// entries to write.
	old, next []cachedHeader
	// added says next holds an entry that old did not.
	added bool
	// reads counts the files read, for tests.
	reads int
}

// openHeaderCache returns the cache for the folder dir holding n answers
// files, or nil when it has none: a small folder, a system without the
// stat it needs, no user cache folder.
func openHeaderCache(dir string, n int) *headerCache {
	if n < cacheMin {
		return nil
	}
	folder, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	file, err := cacheFileFor(folder)
	if err != nil {
		return nil
	}
	st, err := openDirStat(dir)
	if err != nil {
		return nil
	}
	c := &headerCache{dir: dir, folder: folder, file: file, stat: st, next: make([]cachedHeader, 0, n)}
	if data, err := readCacheFile(file); err == nil {
		c.old, _ = decodeCache(data, folder)
	}
	return c
}

// cacheFileFor names the cache file of an absolute folder path, in the
// user's cache folder ($XDG_CACHE_HOME/vitals/headers on Linux).
func cacheFileFor(folder string) (string, error) {
	base, err := userCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(folder))
	return filepath.Join(base, "vitals", "headers", hex.EncodeToString(sum[:16])), nil
}

func readCacheFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxCacheFile {
		return nil, errors.New("not a cache file")
	}
	data := make([]byte, fi.Size())
	n, err := f.ReadAt(data, 0)
	if n == len(data) {
		err = nil
	}
	return data[:n], err
}

// header returns the header of the answers file name in the folder; ok is
// false when it cannot be read (it is then left out, as ReadHeader's
// errors are).
func (c *headerCache) header(name string, buf []byte) (assessment.Header, bool) {
	path := filepath.Join(c.dir, name)
	// The clock before the stat, the stat before the read: a change after
	// either gives the file a key the entry does not have.
	now := cacheNow()
	k, err := c.stat.key(name)
	if err == nil {
		if i, ok := slices.BinarySearchFunc(c.old, name, byName); ok && c.old[i].key == k {
			c.next = append(c.next, c.old[i])
			return c.old[i].header(path), true
		}
	}
	c.reads++
	h, err2 := readHeader(path, buf)
	if err2 != nil {
		return h, false
	}
	if err == nil && k.settled(now) {
		c.next = append(c.next, newCachedHeader(name, k, h))
		c.added = true
	}
	return h, true
}

// close lets go of the folder and, when the cache changed, writes it
// again in the background: the first frame does not wait for it.
func (c *headerCache) close() {
	c.stat.close()
	if !c.added && len(c.next) == len(c.old) {
		return // next holds old's entries, unchanged
	}
	cacheWrites.Add(1)
	go func() {
		defer cacheWrites.Done()
		slices.SortFunc(c.next, func(a, b cachedHeader) int { return strings.Compare(a.name, b.name) })
		_ = writeCacheFile(c.file, encodeCache(c.folder, c.next))
	}()
}

// writeCacheFile replaces the cache file with data, atomically: readers
// see the old file or the new one. It is not synced: a cache file lost or
// torn in a crash fails its checksum and is read as no cache.
func writeCacheFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	// Copies left by a process killed while writing.
	Tidy(dir)
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func byName(e cachedHeader, name string) int { return strings.Compare(e.name, name) }

// encodeCache lays out a cache file: the magic line, the folder, the
// entries (sorted by name), and a CRC-32 of all that.
func encodeCache(folder string, entries []cachedHeader) []byte {
	b := make([]byte, 0, len(cacheMagic)+len(folder)+len(entries)*160)
	b = append(b, cacheMagic...)
	b = appendString(b, folder)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for _, e := range entries {
		b = appendString(b, e.name)
		b = binary.AppendUvarint(b, e.key.dev)
		b = binary.AppendUvarint(b, e.key.ino)
		b = binary.AppendVarint(b, e.key.size)
		b = binary.AppendVarint(b, e.key.mtime)
		b = binary.AppendVarint(b, e.key.ctime)
		b = appendString(b, e.rubric)
		b = appendString(b, e.project)
		b = appendString(b, e.respondent.Name)
		b = appendString(b, e.respondent.Role)
		b = binary.AppendVarint(b, e.updated)
		b = binary.AppendVarint(b, e.updatedNsec)
		if e.complete {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// errCorrupt is any cache file decodeCache does not take.
var errCorrupt = errors.New("corrupt header cache")

// decodeCache reads a cache file written by encodeCache for folder; its
// entries are sorted by name.
func decodeCache(data []byte, folder string) ([]cachedHeader, error) {
	if len(data) < len(cacheMagic)+4 || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errCorrupt
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, errCorrupt
	}
	// One string for the whole file: the entries' strings are slices of
	// it, not an allocation each.
	d := cacheDecoder{s: string(body[len(cacheMagic):])}
	if d.str() != folder {
		return nil, errCorrupt // another folder's file under the same hash
	}
	n := d.uvarint()
	if d.bad || n > uint64(len(d.s)-d.i) {
		return nil, errCorrupt
	}
	out := make([]cachedHeader, n)
	prev := ""
	for i := range out {
		e := &out[i]
		e.name = d.str()
		e.key.dev = d.uvarint()
		e.key.ino = d.uvarint()
		e.key.size = d.varint()
		e.key.mtime = d.varint()
		e.key.ctime = d.varint()
		e.rubric = d.str()
		e.project = d.str()
		e.respondent.Name = d.str()
		e.respondent.Role = d.str()
		e.updated = d.varint()
		e.updatedNsec = d.varint()
		e.complete = d.byte() == 1
		if d.bad || (i > 0 && e.name <= prev) {
			return nil, errCorrupt
		}
		prev = e.name
	}
	if d.i != len(d.s) {
		return nil, errCorrupt
	}
	return out, nil
}

// cacheDecoder reads the values encodeCache appends from s at i; bad is
// set, and zero values returned, once the data runs out.
type cacheDecoder struct {
	s   string
	i   int
	bad bool
}

func (d *cacheDecoder) uvarint() uint64 {
	var v uint64
	for j := 0; d.i+j < len(d.s) && j < binary.MaxVarintLen64; j++ {
		c := d.s[d.i+j]
		v |= uint64(c&0x7f) << (7 * j)
		if c < 0x80 {
			d.i += j + 1
			return v
		}
	}
	d.bad, d.i = true, len(d.s)
	return 0
}

func (d *cacheDecoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *cacheDecoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.bad, d.i = true, len(d.s)
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

func (d *cacheDecoder) byte() byte {
	if d.i >= len(d.s) {
		d.bad = true
		return 0
	}
	c := d.s[d.i]
	d.i++
	return c
}
