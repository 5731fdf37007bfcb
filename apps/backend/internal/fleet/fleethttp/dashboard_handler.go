package fleethttp

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
)

// AttentionDTO is a machine with its plans due soon or overdue.
type AttentionDTO struct {
	Machine MachineDTO           `json:"machine"`
	Plans   []MaintenancePlanDTO `json:"plans"`
	Worst   string               `json:"worst" enums:"OVERDUE,DUE_SOON"`
}

// QuickCheckFailureDTO is a machine whose latest quick check failed.
type QuickCheckFailureDTO struct {
	Machine    MachineDTO    `json:"machine"`
	QuickCheck QuickCheckDTO `json:"quickCheck"`
}

// DashboardDTO is every fleet figure of the caller's dashboard.
type DashboardDTO struct {
	Machines               int                    `json:"machines" example:"12"`
	Overdue                int                    `json:"overdue" example:"2"`
	DueSoon                int                    `json:"dueSoon" example:"3"`
	Attention              []AttentionDTO         `json:"attention"`
	AttentionCount         int                    `json:"attentionCount" example:"4"`
	QuickCheckFailures     []QuickCheckFailureDTO `json:"quickCheckFailures"`
	QuickCheckFailureCount int                    `json:"quickCheckFailureCount" example:"1"`
	OpenIssues             int                    `json:"openIssues" example:"3"` // OPEN and ACKNOWLEDGED issues
	GeneratedAt            time.Time              `json:"generatedAt"`
}

// dashboard godoc
//
//	@Summary		The caller's fleet dashboard
//	@Description	Over the machines the caller owns or operates: how many, plans overdue and due soon, the machines needing attention (worst first) and those whose latest quick check failed (lists capped at 20; the counts are exact). A client refetches it on fleet.changed.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	DashboardDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/dashboard [get]
func (h *ImportHandler) dashboard(c *gin.Context) {
	userID := auth.UserID(c)
	d, err := h.uc.Dashboard.Handle(c.Request.Context(), fleetapp.GetDashboard{UserID: userID})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := DashboardDTO{Machines: d.Machines, Overdue: d.Overdue, DueSoon: d.DueSoon, AttentionCount: d.AttentionCount,
		QuickCheckFailureCount: d.QuickCheckFailureCount, OpenIssues: d.OpenIssues, GeneratedAt: d.GeneratedAt,
		Attention: make([]AttentionDTO, len(d.Attention)), QuickCheckFailures: make([]QuickCheckFailureDTO, len(d.QuickCheckFailures))}
	for i, a := range d.Attention {
		plans := make([]MaintenancePlanDTO, len(a.Plans))
		for j, p := range a.Plans {
			plans[j] = newPlanDTO(p)
		}
		worst := "DUE_SOON"
		if a.Overdue {
			worst = "OVERDUE"
		}
		out.Attention[i] = AttentionDTO{Machine: newMachineDTO(a.Machine, userID), Plans: plans, Worst: worst}
	}
	for i, f := range d.QuickCheckFailures {
		out.QuickCheckFailures[i] = QuickCheckFailureDTO{Machine: newMachineDTO(f.Machine, userID), QuickCheck: newQuickCheckDTO(f.Check)}
	}
	c.JSON(http.StatusOK, out)
}
