// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Command kubedouble is a test double of the hashicorp/kubernetes provider's
// kubernetes_secret_v1 resource, for the write-only example
// (examples/scenarios/write-only). No provider with write-only arguments can
// be built from the Go module proxy, so the end-to-end tests install this
// binary as hashicorp/kubernetes in their filesystem mirror instead.
//
// It has the attributes the example uses, with the real resource's types
// and its write-only rule: data_wo reaches the "cluster" only when
// data_wo_revision is set, and again only when the revision changes. The
// cluster is a directory (KUBEDOUBLE_DIR) with one JSON file per secret, so
// the tests can read what the provider was sent. It is never shipped.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DirEnv names the directory that plays the cluster.
const DirEnv = "KUBEDOUBLE_DIR"

// StoredSecret is what the double writes for each secret:
// <KUBEDOUBLE_DIR>/<namespace>/<name>.json.
type StoredSecret struct {
	Type     string            `json:"type"`
	Data     map[string]string `json:"data"`
	Revision int64             `json:"revision"`
	// Writes counts how many times data_wo was sent to the cluster.
	Writes int `json:"writes"`
}

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &kubeProvider{} }, providerserver.ServeOpts{
		Address:         "registry.terraform.io/hashicorp/kubernetes",
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

type kubeProvider struct{}

func (p *kubeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "kubernetes"
}

func (p *kubeProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *kubeProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	dir := os.Getenv(DirEnv)
	if dir == "" {
		resp.Diagnostics.AddError("No cluster", DirEnv+" must name the directory that plays the cluster.")
		return
	}
	resp.ResourceData = dir
}

func (p *kubeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &secretResource{} }}
}

func (p *kubeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type secretResource struct{ dir string }

type metadataModel struct {
	Name      types.String `tfsdk:"name"`
	Namespace types.String `tfsdk:"namespace"`
}

type secretModel struct {
	ID             types.String    `tfsdk:"id"`
	Metadata       []metadataModel `tfsdk:"metadata"`
	Type           types.String    `tfsdk:"type"`
	DataWO         types.Map       `tfsdk:"data_wo"`
	DataWORevision types.Int64     `tfsdk:"data_wo_revision"`
}

func (r *secretResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "kubernetes_secret_v1"
}

func (r *secretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString("Opaque"),
			},
			"data_wo": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Sensitive:   true,
				WriteOnly:   true,
			},
			"data_wo_revision": schema.Int64Attribute{Optional: true},
		},
		Blocks: map[string]schema.Block{
			"metadata": schema.ListNestedBlock{
				Validators: []validator.List{listvalidator.SizeBetween(1, 1)},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Required: true},
					"namespace": schema.StringAttribute{
						Optional: true,
						Computed: true,
						Default:  stringdefault.StaticString("default"),
					},
				}},
			},
		},
	}
}

func (r *secretResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if dir, ok := req.ProviderData.(string); ok {
		r.dir = dir
	}
}

func (r *secretResource) file(m secretModel) string {
	return filepath.Join(r.dir, m.Metadata[0].Namespace.ValueString(), m.Metadata[0].Name.ValueString()+".json")
}

func (r *secretResource) load(m secretModel) (StoredSecret, error) {
	var s StoredSecret
	b, err := os.ReadFile(r.file(m))
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(b, &s)
}

// write stores the secret; with send, data_wo from the configuration too.
func (r *secretResource) write(ctx context.Context, plan secretModel, config secretModel, send bool) error {
	s, err := r.load(plan)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s.Type = plan.Type.ValueString()
	s.Revision = plan.DataWORevision.ValueInt64()
	if send {
		s.Data = map[string]string{}
		if diags := config.DataWO.ElementsAs(ctx, &s.Data, false); diags.HasError() {
			return fmt.Errorf("data_wo: %v", diags)
		}
		s.Writes++
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(r.file(plan)), 0o700); err != nil {
		return err
	}
	return os.WriteFile(r.file(plan), b, 0o600)
}

func (r *secretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// As in the real resource, data_wo is only sent with a revision.
	send := !config.DataWO.IsNull() && plan.DataWORevision.ValueInt64() >= 1
	if err := r.write(ctx, plan, config, send); err != nil {
		resp.Diagnostics.AddError("Writing the secret", err.Error())
		return
	}
	plan.ID = types.StringValue(plan.Metadata[0].Namespace.ValueString() + "/" + plan.Metadata[0].Name.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *secretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state secretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, err := r.load(state); errors.Is(err, os.ErrNotExist) {
		resp.State.RemoveResource(ctx)
	}
}

func (r *secretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// As in the real resource, data_wo is sent again only when the revision changes.
	send := !config.DataWO.IsNull() && plan.DataWORevision.ValueInt64() >= 1 &&
		!plan.DataWORevision.Equal(state.DataWORevision)
	if err := r.write(ctx, plan, config, send); err != nil {
		resp.Diagnostics.AddError("Writing the secret", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *secretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state secretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := os.Remove(r.file(state)); err != nil && !errors.Is(err, os.ErrNotExist) {
		resp.Diagnostics.AddError("Deleting the secret", err.Error())
	}
}

var _ resource.ResourceWithConfigure = (*secretResource)(nil)
