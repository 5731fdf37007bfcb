// Package accounthttp serves the account endpoints of docs/api.md.
package accounthttp

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// UseCases are the account use cases the handlers run.
type UseCases struct {
	Register interface {
		Handle(ctx context.Context, cmd accountapp.RegisterUser) (accountapp.Session, error)
	}
	LogIn interface {
		Handle(ctx context.Context, cmd accountapp.LogIn) (accountapp.Session, error)
	}
	Me interface {
		Handle(ctx context.Context, q accountapp.GetCurrentUser) (accountapp.CurrentUser, error)
	}
	LogOut interface {
		Handle(ctx context.Context, cmd accountapp.LogOut) error
	}
	LogOutEverywhere interface {
		Handle(ctx context.Context, cmd accountapp.LogOutEverywhere) error
	}
	ChangePassword interface {
		Handle(ctx context.Context, cmd accountapp.ChangePassword) (accountapp.Session, error)
	}
	Deactivate interface {
		Handle(ctx context.Context, cmd accountapp.DeactivateUser) error
	}
}

// Limiter takes one event for a key, saying how long to wait when refused.
type Limiter interface {
	Allow(key string) (bool, time.Duration)
}

// Limits guard the public account endpoints. Login is limited per client
// address, per (account, address) pair and — much higher, so that strangers
// guessing from many addresses slow down without locking the owner out —
// per account; registration (a bcrypt hash per call) per address and in all.
type Limits struct {
	LoginPerClient, LoginPerPair, LoginPerAccount Limiter
	RegisterPerClient, RegisterGlobal             Limiter
}

// Handler serves /auth and /users/me.
type Handler struct {
	uc      UseCases
	cookies auth.Cookies
	tokens  auth.Verifier
	limits  Limits
}

// NewHandler builds the handler; tokens reads the token a logout ends.
func NewHandler(uc UseCases, cookies auth.Cookies, tokens auth.Verifier, limits Limits) *Handler {
	return &Handler{uc: uc, cookies: cookies, tokens: tokens, limits: limits}
}

// Register mounts the public routes on pub (logout behind sameOrigin), the
// protected ones on priv and the admin ones behind admin.
func (h *Handler) Register(pub, priv *gin.RouterGroup, sameOrigin, admin gin.HandlerFunc) {
	pub.POST("/auth/register", h.register)
	pub.POST("/auth/login", h.login)
	pub.POST("/auth/logout", sameOrigin, h.logout)
	priv.POST("/auth/logout-all", h.logoutEverywhere)
	priv.GET("/users/me", h.me)
	priv.POST("/users/me/password", h.changePassword)
	priv.POST("/users/:id/deactivate", admin, h.deactivate)
}

// UserDTO is a user as the API shows it.
type UserDTO struct {
	ID           string    `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	Email        string    `json:"email" example:"ana@example.com"`
	Name         string    `json:"name" example:"Ana García"`
	BusinessName string    `json:"businessName" example:"García Earthworks"`
	Roles        []string  `json:"roles,omitempty" example:"user"`
	CreatedAt    time.Time `json:"createdAt"`
}

// NewUserDTO maps a user; roles are shown only to the user themself.
func NewUserDTO(u user.User, roles []string) UserDTO {
	return UserDTO{ID: u.ID(), Email: u.Email(), Name: u.Name(), BusinessName: u.BusinessName(), Roles: roles, CreatedAt: u.CreatedAt()}
}

// SessionDTO answers register and login.
type SessionDTO struct {
	User  UserDTO `json:"user"`
	Token string  `json:"token"`
}

type registerRequest struct {
	Email        string `json:"email" validate:"required,max=254" example:"ana@example.com"`
	Password     string `json:"password" validate:"required,min=8,max=72" example:"correct horse battery"`
	Name         string `json:"name" validate:"required,max=100" example:"Ana García"`
	BusinessName string `json:"businessName,omitempty" validate:"max=200" example:"García Earthworks"`
}

type changePasswordRequest struct {
	CurrentPassword string `json:"currentPassword" validate:"required,max=72" example:"correct horse battery"`
	NewPassword     string `json:"newPassword" validate:"required,min=8,max=72" example:"another horse battery"`
}

type loginRequest struct {
	Email    string `json:"email" validate:"required,max=254" example:"ana@example.com"`
	Password string `json:"password" validate:"required,max=72" example:"correct horse battery"`
}

// register godoc
//
//	@Summary		Register an account
//	@Description	Creates an account, answers a session token and sets it as the HttpOnly cookie.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		registerRequest	true	"The new account"
//	@Success		201		{object}	SessionDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		409		{object}	httperr.Body	"email already registered (the one answer that tells an address has an account)"
//	@Failure		413		{object}	httperr.Body
//	@Failure		429		{object}	httperr.Body	"too many registrations from this client, or in all"
//	@Router			/auth/register [post]
func (h *Handler) register(c *gin.Context) {
	var req registerRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	if ok, wait := h.limits.RegisterPerClient.Allow(clientKey(c)); !ok {
		_ = c.Error(httperr.RateLimited("too many registrations from this client", wait))
		return
	}
	if ok, wait := h.limits.RegisterGlobal.Allow(""); !ok {
		_ = c.Error(httperr.RateLimited("too many registrations, try again shortly", wait))
		return
	}
	s, err := h.uc.Register.Handle(c.Request.Context(), accountapp.RegisterUser{
		Email: req.Email, Password: req.Password, Name: req.Name, BusinessName: req.BusinessName})
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.cookies.Set(c, s.Token, s.ExpiresAt)
	c.JSON(http.StatusCreated, SessionDTO{User: NewUserDTO(s.User, s.Roles), Token: s.Token})
}

// login godoc
//
//	@Summary		Log in
//	@Description	Checks the credentials; an unknown email, a wrong password and a deactivated account give the same 401. Rate-limited per client address, per (account, address) pair and, much higher, per account (so that guesses from other addresses cannot lock the owner out). Each login opens a session; its id is the token's sid.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		loginRequest	true	"Credentials"
//	@Success		200		{object}	SessionDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		429		{object}	httperr.Body
//	@Router			/auth/login [post]
func (h *Handler) login(c *gin.Context) {
	var req loginRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	client, account := clientKey(c), strings.ToLower(strings.TrimSpace(req.Email))
	if ok, wait := h.limits.LoginPerClient.Allow(client); !ok {
		_ = c.Error(httperr.RateLimited("too many login attempts from this client", wait))
		return
	}
	if ok, wait := h.limits.LoginPerPair.Allow(account + "\x00" + client); !ok {
		_ = c.Error(httperr.RateLimited("too many login attempts for this account from this client", wait))
		return
	}
	if ok, wait := h.limits.LoginPerAccount.Allow(account); !ok {
		_ = c.Error(httperr.RateLimited("too many login attempts", wait))
		return
	}
	s, err := h.uc.LogIn.Handle(c.Request.Context(), accountapp.LogIn{Email: req.Email, Password: req.Password})
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.cookies.Set(c, s.Token, s.ExpiresAt)
	c.JSON(http.StatusOK, SessionDTO{User: NewUserDTO(s.User, s.Roles), Token: s.Token})
}

// logout godoc
//
//	@Summary		Log out
//	@Description	Ends the session of the token sent (cookie or Bearer): the token answers 401 from then on and the session's open streams close, on every instance. Clears the auth cookie. A cookie request must come from an allowed origin (403 otherwise). Without a valid token it only clears the cookie.
//	@Tags			auth
//	@Success		204
//	@Failure		403	{object}	httperr.Body	"cross-origin request"
//	@Router			/auth/logout [post]
func (h *Handler) logout(c *gin.Context) {
	if p, err := auth.Authenticate(c.Request, h.tokens); err == nil {
		if err := h.uc.LogOut.Handle(c.Request.Context(), accountapp.LogOut{UserID: p.UserID, SessionID: p.SessionID}); err != nil {
			_ = c.Error(err)
			return
		}
	}
	h.cookies.Clear(c)
	c.Status(http.StatusNoContent)
}

// logoutEverywhere godoc
//
//	@Summary		Sign out everywhere
//	@Description	Ends every session of the caller (this one too) and closes all their streams on every instance; clears the cookie.
//	@Tags			auth
//	@Security		BearerAuth
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/auth/logout-all [post]
func (h *Handler) logoutEverywhere(c *gin.Context) {
	if err := h.uc.LogOutEverywhere.Handle(c.Request.Context(), accountapp.LogOutEverywhere{UserID: auth.UserID(c)}); err != nil {
		_ = c.Error(err)
		return
	}
	h.cookies.Clear(c)
	c.Status(http.StatusNoContent)
}

// changePassword godoc
//
//	@Summary		Change the password
//	@Description	Checks the current password (400 naming currentPassword when wrong), stores the new one, ends every session of the caller (their other devices are signed out and their streams close) and answers a new session, also set as the cookie.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		changePasswordRequest	true	"Current and new password"
//	@Success		200		{object}	SessionDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Router			/users/me/password [post]
func (h *Handler) changePassword(c *gin.Context) {
	var req changePasswordRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	s, err := h.uc.ChangePassword.Handle(c.Request.Context(), accountapp.ChangePassword{
		UserID: auth.UserID(c), CurrentPassword: req.CurrentPassword, NewPassword: req.NewPassword})
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.cookies.Set(c, s.Token, s.ExpiresAt)
	c.JSON(http.StatusOK, SessionDTO{User: NewUserDTO(s.User, s.Roles), Token: s.Token})
}

// deactivate godoc
//
//	@Summary		Deactivate an account (admin)
//	@Description	The account can no longer log in; its sessions end and its open streams close on every instance.
//	@Tags			users
//	@Security		BearerAuth
//	@Param			id	path	string	true	"user id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/users/{id}/deactivate [post]
func (h *Handler) deactivate(c *gin.Context) {
	if err := h.uc.Deactivate.Handle(c.Request.Context(), accountapp.DeactivateUser{UserID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// me godoc
//
//	@Summary	The authenticated user
//	@Tags		users
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	UserDTO
//	@Failure	401	{object}	httperr.UnauthenticatedBody
//	@Router		/users/me [get]
func (h *Handler) me(c *gin.Context) {
	me, err := h.uc.Me.Handle(c.Request.Context(), accountapp.GetCurrentUser{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, NewUserDTO(me.User, me.Roles))
}

// clientKey is the caller's address without the port.
func clientKey(c *gin.Context) string {
	ip := c.ClientIP()
	if host, _, err := net.SplitHostPort(ip); err == nil {
		return host
	}
	return ip
}
