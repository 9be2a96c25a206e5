package corpus

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"Updated: August 27, 2023, 9:16 AM", utc(2023, 8, 27, 9, 16), true},
		{"August 27, 2023, 9:16 PM", utc(2023, 8, 27, 21, 16), true},
		{"27 August 2023", utc(2023, 8, 27, 0, 0), true},
		{"27th August 2023", utc(2023, 8, 27, 0, 0), true},
		{"Sunday 27 August 2023 09.16 BST", utc(2023, 8, 27, 8, 16), true},
		{"Sun 27 Aug 2023 12.00 am", utc(2023, 8, 27, 0, 0), true},
		{"Aug. 27, 2023", utc(2023, 8, 27, 0, 0), true},
		{"Published on Sept 3, 2024 at 5pm EDT", utc(2024, 9, 3, 21, 0), true},
		{"2023-08-27", utc(2023, 8, 27, 0, 0), true},
		{"2023-08-27T09:16:00Z", utc(2023, 8, 27, 9, 16), true},
		{"2023-08-27T10:16:00+01:00", utc(2023, 8, 27, 9, 16), true},
		{"2023-08-27T09:16:00.123Z", time.Date(2023, 8, 27, 9, 16, 0, 123e6, time.UTC), true},
		{"2023-08-27 09:16", utc(2023, 8, 27, 9, 16), true},
		{"Sun, 27 Aug 2023 09:16:00 GMT", utc(2023, 8, 27, 9, 16), true},
		{"Sun, 27 Aug 2023 10:16:00 +0100", utc(2023, 8, 27, 9, 16), true},
		{"Sun, 27 Aug 2023 05:16:00 EDT", utc(2023, 8, 27, 9, 16), true},
		{"27/08/2023", utc(2023, 8, 27, 0, 0), true},
		{"2023/08/27", utc(2023, 8, 27, 0, 0), true},
		{"Last updated: 3 June 2024", utc(2024, 6, 3, 0, 0), true},
		{"03/04/2023", time.Time{}, false}, // day or month first?
		{"31 June 2023", time.Time{}, false},
		{"August 2023", time.Time{}, false},
		{"Updated: the Met said on 27 August 2023 that", time.Time{}, false},
		{"13:75 27 August 2023", time.Time{}, false},
		{"13:15 pm 27 August 2023", time.Time{}, false},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := ParseDate(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseDate(%q) ok = %v, want %v (got %v)", tt.in, ok, tt.ok, got)
			}
			if ok && !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
