package notificationapp

import (
	"sync"
	"testing"
	"time"
)

func TestUserLocksSerialiseOneUserOnlyAndForgetIdleUsers(t *testing.T) {
	l := userLocks{held: map[string]*userLock{}}
	var wg sync.WaitGroup
	inside, most := 0, 0
	var mu sync.Mutex
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := l.lock("ana")
			mu.Lock()
			inside++
			most = max(most, inside)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			inside--
			mu.Unlock()
			unlock()
		}()
	}
	// Another user is never held up by ana's changes.
	done := make(chan struct{})
	go func() {
		unlock := l.lock("bea")
		unlock()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("bea waited for ana")
	}
	wg.Wait()
	if most != 1 {
		t.Fatalf("%d of ana's changes ran at once", most)
	}
	if len(l.held) != 0 {
		t.Fatalf("%d users still held", len(l.held))
	}
}

func TestLockAllTakesEachUserOnceAndReleasesAll(t *testing.T) {
	l := userLocks{held: map[string]*userLock{}}
	unlock := l.lockAll([]string{"cid", "ana", "cid", "bea"})
	if len(l.held) != 3 {
		t.Fatalf("%d users held", len(l.held))
	}
	got := make(chan struct{})
	go func() {
		defer close(got)
		l.lock("bea")()
	}()
	select {
	case <-got:
		t.Fatal("bea's lock was free while the batch held it")
	case <-time.After(20 * time.Millisecond):
	}
	unlock()
	<-got
	if len(l.held) != 0 {
		t.Fatalf("%d users still held", len(l.held))
	}
}
