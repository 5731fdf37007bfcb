package deploytest

import (
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// composeFile is the part of docker-compose.yml these checks read.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Networks map[string]struct {
		IPAM struct {
			Config []struct {
				Subnet string `yaml:"subnet"`
			} `yaml:"config"`
		} `yaml:"ipam"`
	} `yaml:"networks"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Ports       []string          `yaml:"ports"`
	Healthcheck struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	DependsOn map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Networks any `yaml:"networks"`
}

// composeDefault resolves compose's ${NAME:-default} to its default and
// ${NAME:?message} (a value compose refuses to start without) to required.
var composeVar = regexp.MustCompile(`\$\{([A-Z_]+)(?::([-?])([^}]*))?\}`)

func composeDefault(v, required string) string {
	return composeVar.ReplaceAllStringFunc(v, func(m string) string {
		p := composeVar.FindStringSubmatch(m)
		if p[2] == "?" {
			return required
		}
		return p[3]
	})
}

// TestComposeFileMatchesTheServerAndTheNginxConf checks docker-compose.yml
// against what it starts, since no container engine runs here: the backends'
// variables are ones FleetMan reads and load as a valid production
// configuration (JWT_SECRET required), nginx's template is the shipped conf
// with every placeholder given, its upstream names the backends on their
// port, TRUSTED_PROXIES is nginx's fixed address, and every dependency waits
// for a healthcheck that exists.
func TestComposeFileMatchesTheServerAndTheNginxConf(t *testing.T) {
	root := testkit.RepoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	backends := []string{"backend-1", "backend-2"}
	for _, name := range append([]string{"mongo", "redis", "nginx"}, backends...) {
		s, ok := c.Services[name]
		if !ok {
			t.Fatalf("no service %s", name)
		}
		if len(s.Healthcheck.Test) < 2 || s.Healthcheck.Test[0] != "CMD" {
			t.Errorf("%s: healthcheck %v", name, s.Healthcheck.Test)
		}
		for dep, d := range s.DependsOn {
			if _, ok := c.Services[dep]; !ok || d.Condition != "service_healthy" {
				t.Errorf("%s depends on %s (%q)", name, dep, d.Condition)
			}
		}
	}

	// The backends: the same settings (the YAML anchor), all read by FleetMan.
	env := c.Services["backend-1"].Environment
	if !slices.Equal(slices.Sorted(maps.Keys(env)), slices.Sorted(maps.Keys(c.Services["backend-2"].Environment))) {
		t.Fatal("the two backends differ")
	}
	if !strings.Contains(env["JWT_SECRET"], "${JWT_SECRET:?") {
		t.Errorf("JWT_SECRET must be required: %q", env["JWT_SECRET"])
	}
	asked := map[string]bool{}
	cfg, err := config.Load(func(k string) (string, bool) {
		asked[k] = true
		v, ok := env[k]
		return composeDefault(v, strings.Repeat("s", 40)), ok
	})
	if err != nil {
		t.Fatalf("the backends' environment does not load: %v", err)
	}
	for k := range env {
		if !asked[k] {
			t.Errorf("backend variable %s is not one FleetMan reads", k)
		}
	}
	if cfg.DevMode() || !cfg.CookieSecure || cfg.MongoURI == "" || cfg.RedisURL == "" {
		t.Errorf("backends: production %v, secure cookie %v, mongo %q, redis %q", !cfg.DevMode(), cfg.CookieSecure, cfg.MongoURI, cfg.RedisURL)
	}
	for _, u := range []string{cfg.MongoURI, cfg.RedisURL} {
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Services[pu.Hostname()]; !ok || !slices.Contains(slices.Sorted(maps.Keys(c.Services["backend-1"].DependsOn)), pu.Hostname()) {
			t.Errorf("%s: host %s is not a service the backends wait for", u, pu.Hostname())
		}
	}
	_, backendPort, _ := net.SplitHostPort(cfg.HTTPAddr)
	hc := c.Services["backend-1"].Healthcheck.Test
	if !slices.Equal(hc[1:], []string{"/app/fleetman", "healthcheck"}) {
		t.Errorf("backend healthcheck %v", hc)
	}
	dockerfile, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{" /app/fleetman\n", " " + cfg.WebDir + "\n"} {
		if !regexp.MustCompile(`(?m)^COPY .*` + regexp.QuoteMeta(target)).Match(dockerfile) {
			t.Errorf("the Dockerfile copies nothing to%s", strings.TrimSuffix(target, "\n"))
		}
	}

	// nginx: the shipped conf as its template, every placeholder given.
	ngx := c.Services["nginx"]
	var template string
	for _, v := range ngx.Volumes {
		src, dst := volume(v)
		if strings.HasPrefix(dst, "/etc/nginx/templates/") && strings.HasSuffix(dst, ".template") {
			template = filepath.Clean(src)
		}
	}
	if template != testkit.ShippedNginxConf {
		t.Fatalf("nginx's template is %q, not %s", template, testkit.ShippedNginxConf)
	}
	conf := testkit.ReadShippedNginxConf(t)
	placeholders := map[string]bool{}
	for _, m := range regexp.MustCompile(`\$\{(FLEETMAN_[A-Z_]+)\}`).FindAllStringSubmatch(conf, -1) {
		placeholders[m[1]] = true
	}
	filter := regexp.MustCompile(ngx.Environment["NGINX_ENVSUBST_FILTER"])
	for p := range placeholders {
		if _, ok := ngx.Environment[p]; !ok || !filter.MatchString(p) {
			t.Errorf("placeholder %s is not given to nginx (or not rendered by NGINX_ENVSUBST_FILTER)", p)
		}
	}
	for k := range ngx.Environment {
		if strings.HasPrefix(k, "FLEETMAN_") && !placeholders[k] {
			t.Errorf("nginx variable %s is no placeholder of the conf", k)
		}
	}
	var upstream []string
	for _, m := range regexp.MustCompile(`server ([^;]+);`).FindAllStringSubmatch(ngx.Environment["FLEETMAN_UPSTREAM_SERVERS"], -1) {
		upstream = append(upstream, m[1])
	}
	var want []string
	for _, b := range backends {
		want = append(want, b+":"+backendPort)
	}
	if !slices.Equal(upstream, want) {
		t.Errorf("upstream %v, want %v", upstream, want)
	}
	var tlsDir string
	for _, v := range ngx.Volumes {
		if strings.Contains(v, "FLEETMAN_TLS_DIR") {
			_, tlsDir = volume(v)
		}
	}
	for _, k := range []string{"FLEETMAN_TLS_CERT", "FLEETMAN_TLS_KEY"} {
		if tlsDir == "" || filepath.Dir(ngx.Environment[k]) != tlsDir {
			t.Errorf("%s %q is not in the mounted certificate folder %q", k, ngx.Environment[k], tlsDir)
		}
	}
	makeCert, err := os.ReadFile(filepath.Join(root, "deploy/nginx/make-cert.sh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"FLEETMAN_TLS_CERT", "FLEETMAN_TLS_KEY"} {
		if !strings.Contains(string(makeCert), "tls/"+filepath.Base(ngx.Environment[k])) {
			t.Errorf("make-cert.sh does not write %s", filepath.Base(ngx.Environment[k]))
		}
	}
	for _, p := range []struct{ listen, port string }{{"FLEETMAN_HTTPS_LISTEN", "443"}, {"FLEETMAN_HTTP_LISTEN", "80"}} {
		if ngx.Environment[p.listen] != p.port || !slices.ContainsFunc(ngx.Ports, func(s string) bool { return strings.HasSuffix(s, ":"+p.port) }) {
			t.Errorf("%s %q is not published (%v)", p.listen, ngx.Environment[p.listen], ngx.Ports)
		}
	}
	if hc := strings.Join(ngx.Healthcheck.Test, " "); !strings.Contains(hc, "https://127.0.0.1/healthz") {
		t.Errorf("nginx healthcheck %q", hc)
	}

	// FleetMan trusts nginx's fixed address, and only it; it lies in the network.
	nets, ok := ngx.Networks.(map[string]any)
	if !ok {
		t.Fatalf("nginx networks %v", ngx.Networks)
	}
	var addr string
	for name, n := range nets {
		if m, ok := n.(map[string]any); ok {
			addr, _ = m["ipv4_address"].(string)
		}
		if len(c.Networks[name].IPAM.Config) == 0 {
			t.Fatalf("network %s has no subnet", name)
		}
		_, subnet, err := net.ParseCIDR(c.Networks[name].IPAM.Config[0].Subnet)
		if err != nil || !subnet.Contains(net.ParseIP(addr)) {
			t.Errorf("nginx's %q is outside %s", addr, c.Networks[name].IPAM.Config[0].Subnet)
		}
	}
	if got := strings.Join(cfg.TrustedProxies, ","); got != addr {
		t.Errorf("TRUSTED_PROXIES %q, nginx is at %q", got, addr)
	}
}

// volume splits a "source:target[:ro]" volume, the source's default resolved.
func volume(v string) (src, dst string) {
	src, dst, _ = strings.Cut(strings.TrimSuffix(composeDefault(v, ""), ":ro"), ":")
	return src, dst
}
