// Package http serves the account endpoints of API.md.
package http

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/account/app"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Accounts is what the handlers need of the account use cases.
type Accounts interface {
	Register(ctx context.Context, cmd app.RegisterCommand) (app.Session, error)
	Login(ctx context.Context, email, password string) (app.Session, error)
	Me(ctx context.Context, userID string) (user.User, []string, error)
}

// Limiter takes one event for a key, saying how long to wait when refused.
type Limiter interface {
	Allow(key string) (bool, time.Duration)
}

// Handler serves /auth and /users/me.
type Handler struct {
	accounts   Accounts
	cookies    auth.Cookies
	perClient  Limiter
	perAccount Limiter
}

// NewHandler builds the handler; the limiters guard login.
func NewHandler(accounts Accounts, cookies auth.Cookies, perClient, perAccount Limiter) *Handler {
	return &Handler{accounts: accounts, cookies: cookies, perClient: perClient, perAccount: perAccount}
}

// Register mounts the public routes on pub and the protected ones on priv.
func (h *Handler) Register(pub, priv *gin.RouterGroup) {
	pub.POST("/auth/register", h.register)
	pub.POST("/auth/login", h.login)
	pub.POST("/auth/logout", h.logout)
	priv.GET("/users/me", h.me)
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
	BusinessName string `json:"businessName" validate:"max=200" example:"García Earthworks"`
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
//	@Failure		409		{object}	httperr.Body	"email already registered"
//	@Failure		413		{object}	httperr.Body
//	@Router			/auth/register [post]
func (h *Handler) register(c *gin.Context) {
	var req registerRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	s, err := h.accounts.Register(c.Request.Context(), app.RegisterCommand{
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
//	@Description	Checks the credentials; an unknown email and a wrong password give the same 401. Rate-limited per client and per account.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		loginRequest	true	"Credentials"
//	@Success		200		{object}	SessionDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.Body
//	@Failure		429		{object}	httperr.Body
//	@Router			/auth/login [post]
func (h *Handler) login(c *gin.Context) {
	var req loginRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	if ok, wait := h.perClient.Allow(clientKey(c)); !ok {
		_ = c.Error(httperr.RateLimited("too many login attempts from this client", wait))
		return
	}
	if ok, wait := h.perAccount.Allow(strings.ToLower(strings.TrimSpace(req.Email))); !ok {
		_ = c.Error(httperr.RateLimited("too many login attempts for this account", wait))
		return
	}
	s, err := h.accounts.Login(c.Request.Context(), req.Email, req.Password)
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.cookies.Set(c, s.Token, s.ExpiresAt)
	c.JSON(http.StatusOK, SessionDTO{User: NewUserDTO(s.User, s.Roles), Token: s.Token})
}

// logout godoc
//
//	@Summary	Log out
//	@Description	Clears the auth cookie.
//	@Tags		auth
//	@Success	204
//	@Router		/auth/logout [post]
func (h *Handler) logout(c *gin.Context) {
	h.cookies.Clear(c)
	c.Status(http.StatusNoContent)
}

// me godoc
//
//	@Summary	The authenticated user
//	@Tags		users
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	UserDTO
//	@Failure	401	{object}	httperr.Body
//	@Router		/users/me [get]
func (h *Handler) me(c *gin.Context) {
	u, roles, err := h.accounts.Me(c.Request.Context(), auth.UserID(c))
	if err != nil {
		_ = c.Error(fmt.Errorf("me: %w", err))
		return
	}
	c.JSON(http.StatusOK, NewUserDTO(u, roles))
}

// clientKey is the caller's address without the port.
func clientKey(c *gin.Context) string {
	ip := c.ClientIP()
	if host, _, err := net.SplitHostPort(ip); err == nil {
		return host
	}
	return ip
}
