package output

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not-yet")
	c, err := Compare(dir, gen("prod/a.conf", "a", "ansible/site.yml", "s"), Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Check(); strings.Join(r.Missing, ",") != "ansible/site.yml,prod/a.conf" {
		t.Errorf("Missing = %v", r.Missing)
	}
}

func TestCompareRejectsDuplicatesAndUnstorableNames(t *testing.T) {
	dir := t.TempDir()
	if _, err := Compare(dir, gen("a", "1", "a", "2"), Scope{}); err == nil || !strings.Contains(err.Error(), "generated twice") {
		t.Errorf("duplicate path: %v", err)
	}
	if _, err := Compare(dir, []File{{Path: "a", Kind: "two words"}}, Scope{}); err == nil || !strings.Contains(err.Error(), "cannot be recorded") {
		t.Errorf("kind with a space: %v", err)
	}
}

func TestScopeContains(t *testing.T) {
	s := Scope{Kinds: []string{"hosts"}, Env: "prod"}
	for _, c := range []struct {
		kind, env string
		want      bool
	}{{"hosts", "prod", true}, {"hosts", "dev", false}, {"hosts", "", false}, {"nginx", "prod", false}} {
		if got := s.Contains(c.kind, c.env); got != c.want {
			t.Errorf("Contains(%q, %q) = %v", c.kind, c.env, got)
		}
	}
	if !(Scope{}).Contains("anything", "") {
		t.Error("the empty scope holds everything")
	}
}
