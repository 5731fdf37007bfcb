package testkit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ShippedNginxConf is the path of deploy/nginx/fleetman.conf in this repository.
const ShippedNginxConf = "deploy/nginx/fleetman.conf"

// NginxOptions say how to run the shipped configuration in a test.
type NginxOptions struct {
	Upstreams []string // host:port of the FleetMan instances
	// StreamReadTimeout replaces proxy_read_timeout in the stream location
	// (e.g. "3s"), so that a test can show it is the setting that counts
	// without waiting for the shipped value. Empty keeps the shipped one.
	StreamReadTimeout string
	// SourceIP is the loopback address the client dials from (e.g.
	// 127.0.0.2), so that the address nginx forwards differs from its own.
	SourceIP string
}

// Nginx is Debian's nginx running the shipped configuration on loopback,
// with a self-signed certificate made for the test.
type Nginx struct {
	URL      string       // https://127.0.0.1:port
	HTTPURL  string       // the plain listener (redirects to HTTPS)
	Client   *http.Client // trusts the test's certificate, HTTP/2 when negotiated, dials from SourceIP
	Conf     string       // the rendered fleetman.conf
	Dir      string
	ErrorLog string
	cmd      *exec.Cmd
}

// StartNginx renders the shipped fleetman.conf with free loopback ports and
// a fresh certificate, starts nginx in front of o.Upstreams and waits until
// it answers. It is stopped at cleanup. Without nginx the test fails when CI
// is set and is skipped otherwise (make test-go installs it).
func StartNginx(t testing.TB, o NginxOptions) *Nginx {
	t.Helper()
	bin := NginxBinary(t)
	dir := t.TempDir()
	for _, d := range []string{"tmp", "logs"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	certPEM, certFile, keyFile := selfSignedCert(t, dir)
	httpsPort, httpPort := FreePort(t), FreePort(t)
	var servers strings.Builder
	for _, u := range o.Upstreams {
		fmt.Fprintf(&servers, "server %s max_fails=1 fail_timeout=2s; ", u)
	}
	conf := RenderNginxConf(t, ReadShippedNginxConf(t), map[string]string{
		"FLEETMAN_UPSTREAM_SERVERS": servers.String(),
		"FLEETMAN_HTTPS_LISTEN":     fmt.Sprintf("127.0.0.1:%d", httpsPort),
		"FLEETMAN_HTTP_LISTEN":      fmt.Sprintf("127.0.0.1:%d", httpPort),
		"FLEETMAN_SERVER_NAME":      "127.0.0.1",
		"FLEETMAN_TLS_CERT":         certFile,
		"FLEETMAN_TLS_KEY":          keyFile,
	})
	if o.StreamReadTimeout != "" {
		var err error
		if conf, err = SetStreamDirective(conf, "proxy_read_timeout", o.StreamReadTimeout); err != nil {
			t.Fatal(err)
		}
	}
	confFile := filepath.Join(dir, "fleetman.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	// The main context and the http context's paths are the test's; the
	// server blocks are the shipped file's.
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers read the test's 0700 temp dirs
	}
	tmp := filepath.Join(dir, "tmp")
	main := fmt.Sprintf(`%s
worker_processes 1;
error_log %[2]s/logs/error.log info;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log %[2]s/logs/access.log;
    client_body_temp_path %[3]s/body;
    proxy_temp_path %[3]s/proxy;
    fastcgi_temp_path %[3]s/fastcgi;
    uwsgi_temp_path %[3]s/uwsgi;
    scgi_temp_path %[3]s/scgi;
    include %[4]s;
}
`, user, dir, tmp, confFile)
	mainFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(mainFile, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	errLog := filepath.Join(dir, "logs", "error.log")
	cmd := exec.Command(bin, "-c", mainFile, "-p", dir, "-e", errLog,
		"-g", fmt.Sprintf("daemon off; pid %s/nginx.pid;", dir))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	n := &Nginx{URL: fmt.Sprintf("https://127.0.0.1:%d", httpsPort), HTTPURL: fmt.Sprintf("http://127.0.0.1:%d", httpPort),
		Conf: conf, Dir: dir, ErrorLog: errLog, cmd: cmd}
	n.Client = nginxClient(certPEM, o.SourceIP)
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		n.Client.CloseIdleConnections()
		if t.Failed() {
			logs, _ := os.ReadFile(errLog)
			t.Logf("nginx error log:\n%s%s", logs, out.String())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-exited:
			logs, _ := os.ReadFile(errLog)
			t.Fatalf("nginx exited: %s%s", out.String(), logs)
		default:
		}
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", httpsPort), time.Second); err == nil {
			c.Close()
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not listen on %d: %s", httpsPort, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// NginxBinary finds Debian's nginx (in /usr/sbin, which is not always on PATH).
func NginxBinary(t testing.TB) string {
	t.Helper()
	if bin, err := exec.LookPath("nginx"); err == nil {
		return bin
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	msg := "nginx is not installed: run `bash scripts/install-deps.sh nginx` (Debian's nginx; make test-go does)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// ReadShippedNginxConf returns deploy/nginx/fleetman.conf, unrendered.
func ReadShippedNginxConf(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(RepoRoot(t), ShippedNginxConf))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// RepoRoot is the directory holding go.mod, found upwards from the test's directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

var placeholder = regexp.MustCompile(`\$\{(FLEETMAN_[A-Z0-9_]+)\}`)

// RenderNginxConf replaces the ${FLEETMAN_*} placeholders, as envsubst does
// in the nginx image; nginx's own $variables are left alone. A placeholder
// without a value fails the test.
func RenderNginxConf(t testing.TB, tmpl string, values map[string]string) string {
	t.Helper()
	var missing []string
	out := placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		v, ok := values[name]
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		t.Fatalf("no value for %v", missing)
	}
	return out
}

// StreamLocation is the block of the stream location in an nginx conf.
const streamLocation = "location = /api/v1/notifications/stream {"

// streamBlock returns the start and end offsets of the stream location's body.
func streamBlock(conf string) (int, int, error) {
	start := strings.Index(conf, streamLocation)
	if start < 0 {
		return 0, 0, fmt.Errorf("no %q in the conf", streamLocation)
	}
	start += len(streamLocation)
	depth := 1
	for i := start; i < len(conf); i++ {
		switch conf[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return start, i, nil
			}
		}
	}
	return 0, 0, fmt.Errorf("the stream location is not closed")
}

// StreamDirective returns the argument of a one-argument directive (e.g.
// proxy_read_timeout) in the stream location.
func StreamDirective(conf, name string) (string, error) {
	start, end, err := streamBlock(conf)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `\s+([^;\s]+)\s*;`).FindStringSubmatch(conf[start:end])
	if m == nil {
		return "", fmt.Errorf("no %s in the stream location", name)
	}
	return m[1], nil
}

// SetStreamDirective replaces the argument of a directive in the stream location.
func SetStreamDirective(conf, name, value string) (string, error) {
	start, end, err := streamBlock(conf)
	if err != nil {
		return "", err
	}
	re := regexp.MustCompile(`(?m)^(\s*` + regexp.QuoteMeta(name) + `\s+)[^;\s]+(\s*;)`)
	body := conf[start:end]
	if !re.MatchString(body) {
		return "", fmt.Errorf("no %s in the stream location", name)
	}
	return conf[:start] + re.ReplaceAllString(body, "${1}"+value+"${2}") + conf[end:], nil
}

// ParseNginxDuration reads an nginx time value: "300s", "5m", "1h", "500ms" or bare seconds.
func ParseNginxDuration(v string) (time.Duration, error) {
	if _, err := fmt.Sscanf(v, "%d", new(int)); err == nil && strings.Trim(v, "0123456789") == "" {
		v += "s"
	}
	return time.ParseDuration(v)
}

// FreePort returns a loopback port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// selfSignedCert writes a certificate for 127.0.0.1 and its key to dir.
func selfSignedCert(t testing.TB, dir string) (certPEM []byte, certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	certFile, keyFile = filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	if err := os.WriteFile(certFile, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certPEM, certFile, keyFile
}

func nginxClient(certPEM []byte, source string) *http.Client {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	d := &net.Dialer{Timeout: 5 * time.Second}
	if source != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(source)}
	}
	return &http.Client{
		Transport: &http.Transport{
			TLSClientConfig:   &tls.Config{RootCAs: pool},
			ForceAttemptHTTP2: true,
			DialContext:       d.DialContext,
		},
		// The redirect of the plain listener is looked at, not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
