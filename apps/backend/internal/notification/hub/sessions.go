package hub

// ReasonSessionEnded counts streams closed because their session ended
// (logout, password change, deactivation, sign out everywhere).
const ReasonSessionEnded = "session_ended"

// AttachSession is Attach for a stream opened with a token of sessionID:
// CloseSession(userID, sessionID) closes it later.
func (h *Hub) AttachSession(userID, sessionID string, conn Conn) (*Stream, error) {
	s, err := h.Attach(userID, conn)
	if err != nil {
		return nil, err
	}
	s.session.Store(&sessionID)
	return s, nil
}

// CloseSession closes this instance's streams of userID opened with
// sessionID and says how many it closed.
func (h *Hub) CloseSession(userID, sessionID string) int {
	n := 0
	for _, s := range h.streamsOf(userID) {
		if sid := s.session.Load(); sid != nil && *sid == sessionID {
			s.close(ReasonSessionEnded)
			n++
		}
	}
	return n
}

// CloseUser closes every stream of userID on this instance.
func (h *Hub) CloseUser(userID string) int {
	list := h.streamsOf(userID)
	for _, s := range list {
		s.close(ReasonSessionEnded)
	}
	return len(list)
}

// SessionKey names a session some open stream was opened with.
type SessionKey struct{ UserID, SessionID string }

// OpenSessions lists, once each, the sessions of this instance's open
// streams (the session sweep checks them).
func (h *Hub) OpenSessions() []SessionKey {
	var out []SessionKey
	seen := map[SessionKey]bool{}
	for i := range h.shards {
		sh := &h.shards[i]
		sh.mu.RLock()
		for userID, list := range sh.users {
			for _, s := range list {
				if sid := s.session.Load(); sid != nil {
					k := SessionKey{UserID: userID, SessionID: *sid}
					if !seen[k] {
						seen[k] = true
						out = append(out, k)
					}
				}
			}
		}
		sh.mu.RUnlock()
	}
	return out
}
