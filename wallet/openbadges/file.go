package openbadges

import (
	"fmt"
	"io"
	"os"
)

// ReadFile reads a file with DefaultLimits.
func ReadFile(name string) ([]byte, error) { return DefaultLimits().ReadFile(name) }

// ReadFile reads a whole file, refusing one over MaxFileBytes before
// reading it all (the size is checked on the open file, and the read is
// capped in case it grows or is not a regular file).
func (l Limits) ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a badge file", name)
		}
		if st.Size() > int64(l.MaxFileBytes) {
			return nil, fmt.Errorf("the file is %s, limit %s: %w", sizeString(st.Size()), sizeString(int64(l.MaxFileBytes)), ErrTooLarge)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(l.MaxFileBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > l.MaxFileBytes {
		return nil, fmt.Errorf("the file is over %s: %w", sizeString(int64(l.MaxFileBytes)), ErrTooLarge)
	}
	return data, nil
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
