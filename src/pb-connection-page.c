/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-connection-page-private.h"
#include "pb-export.h"
#include "pb-format.h"
#include "pb-json.h"
#include "pb-mapping-table.h"
#include "pb-page-property.h"
#include "pb-secret.h"

/* Labels lay out their whole text: what they show is kept to a size people can read. */
#define MAX_TOOLTIP_CHARS 1000
#define MAX_NAME_CHARS 500

/* The name/value tables of the page: a list of rows each. */
typedef enum
{
  TABLE_AUTH_HEADERS,
  TABLE_FORM_ITEMS,
  TABLE_HEADERS,
  TABLE_URL_PARAMETERS,
  N_TABLES
} Table;

struct _PbConnectionPage
{
  AdwBin              parent_instance;

  PbConnection       *connection;
  gulong              notify_id;
  guint               render_source;

  /* The one switch that shows every secret of the page as received; kept in step with the
   * window's "include-secrets" action when the page is in such a window. */
  gboolean            reveal_secrets;
  GActionGroup       *secrets_group;
  gulong              secrets_state_id;

  /* The rows of the members of `auth` that no row of their own shows. */
  GPtrArray          *auth_member_rows;

  /* What the tables show now, to rebuild them only when it changes. */
  GListModel         *models[N_TABLES];
  gulong              changed_ids[N_TABLES];

  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkImage           *header_icon;
  GtkLabel           *name_label;
  GtkLabel           *system_label;
  GtkLabel           *archived_label;
  GtkListBox         *unreadable_notes;

  PbPageProperty     *description_row;
  PbPageProperty     *ref_row;
  PbPageProperty     *href_row;
  PbPageProperty     *client_key_row;
  PbPageProperty     *revision_row;
  PbPageProperty     *modified_at_row;
  PbPageProperty     *modified_by_row;
  PbPageProperty     *icon_row;

  PbPageProperty     *method_row;
  PbPageProperty     *url_row;
  PbPageProperty     *body_row;

  PbPageProperty     *auth_type_row;
  PbPageProperty     *client_id_row;
  PbPageProperty     *token_url_row;
  PbPageProperty     *mutual_tls_row;
  GtkWidget          *auth_group;
  GtkWidget          *auth_headers_group;
  GtkWidget          *form_items_group;
  GtkListBox         *auth_headers_list;
  GtkListBox         *form_items_list;

  GtkListBox         *headers_list;
  GtkListBox         *url_parameters_list;

  PbMappingTable     *input_table;
  GtkListBox         *placeholder_notes;
  PbMappingTable     *output_table;

  PbPageProperty     *connection_timeout_row;
  PbPageProperty     *read_timeout_row;
  PbPageProperty     *example_row;
  PbPageProperty     *raw_row;
};

G_DEFINE_FINAL_TYPE (PbConnectionPage, pb_connection_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_REVEAL_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static gpointer
mask_input_mapping (gpointer item,
                    gpointer user_data)
{
  g_autoptr(PbInputMapping) mapping = item;

  return pb_input_mapping_dup_masked (mapping);
}

/* The input mappings, their secret-looking example values masked unless the page reveals
 * secrets. */
static void
show_input_mappings (PbConnectionPage *self)
{
  GListModel *mappings = NULL;
  g_autoptr(GtkMapListModel) masked = NULL;

  if (self->connection != NULL)
    mappings = pb_connection_get_input_mappings (self->connection);
  if (mappings != NULL && !self->reveal_secrets)
    {
      masked = gtk_map_list_model_new (g_object_ref (mappings), mask_input_mapping, NULL, NULL);
      mappings = G_LIST_MODEL (masked);
    }
  pb_mapping_table_set_model (self->input_table, mappings);
}

/* Shows `value` in a row that follows the page's reveal switch: while it is off, the row shows
 * (and copies) `masked` instead, when that differs from the value. Takes `masked`. */
static void
set_secret_value (PbPageProperty *row,
                  const char     *value,
                  char           *masked)
{
  pb_page_property_set_value (row, value);
  pb_page_property_set_masked_text (row, masked);
  pb_page_property_set_secret (row, masked != NULL && g_strcmp0 (masked, value) != 0);
  g_free (masked);
}

/* Shows a text that may be JSON (the example value): pretty-printed when it is, its
 * secret-looking members masked while the page hides secrets. */
static void
set_json_value (PbPageProperty *row,
                const char     *text)
{
  g_autofree char *pretty = pb_json_text_pretty (text);
  const char *shown = pretty != NULL ? pretty : text;

  set_secret_value (row, shown, pb_secret_mask_json_text (shown));
}

/* A request body as stored: its line breaks and spaces may be what the service expects, and
 * the text is a template (${placeholders}) more than JSON. Masked by the core's rule of bodies
 * (the values of secret-looking members, at any depth, the rest of the text kept) until
 * revealed. */
static void
set_body_value (PbPageProperty *row,
                const char     *text)
{
  set_secret_value (row, text, pb_secret_mask_json_text (text));
}

static void
follow_reveal_switch (PbConnectionPage *self,
                      PbPageProperty   *row)
{
  g_object_bind_property (self, "reveal-secrets", row, "revealed",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* An address whose query may hold secrets; its tooltip shows what the row shows. */
static void
set_address (PbConnectionPage *self,
             PbPageProperty   *row,
             const char       *url)
{
  g_autofree char *masked = pb_secret_mask_url (url);

  set_secret_value (row, url, g_strdup (masked));
  pb_page_property_set_value_tooltip (row, self->reveal_secrets ? url : masked);
}

static void
set_timeout (PbPageProperty *row,
             gint64          milliseconds)
{
  g_autofree char *words = pb_format_milliseconds (milliseconds);
  g_autofree char *number = NULL;
  g_autofree char *tooltip = NULL;

  /* The value as received, in milliseconds. */
  if (milliseconds >= 0)
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, milliseconds);
      tooltip = g_strdup_printf (ngettext ("%s millisecond", "%s milliseconds",
                                           (gulong) milliseconds),
                                 number);
    }
  pb_page_property_set_value (row, words);
  pb_page_property_set_value_tooltip (row, tooltip);
}

/* Lists of name/value rows */

static GtkWidget *
create_name_value_row (gpointer item,
                       gpointer user_data)
{
  PbConnectionPage *self = user_data;
  PbNameValue *name_value = item;
  const char *name = pb_name_value_get_name (name_value);
  const char *value = pb_name_value_get_value (name_value);
  PbPageProperty *row;

  row = PB_PAGE_PROPERTY (pb_page_property_new (name != NULL ? name : _("Item of unknown shape")));
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), name != NULL);
  pb_page_property_set_monospace (row, name == NULL);
  set_secret_value (row, value,
                    pb_secret_name_looks_secret (name) ? pb_secret_mask (value) : NULL);
  follow_reveal_switch (self, row);

  return GTK_WIDGET (row);
}

static void schedule_render (PbConnectionPage *self);

/* Shows `model` in a table, rebuilding it only when it is another model: the connection keeps
 * its models when it updates, and they say themselves when rows change. */
static void
show_table (PbConnectionPage *self,
            Table             table,
            GListModel       *model)
{
  GtkListBox *lists[N_TABLES] = {
    [TABLE_AUTH_HEADERS] = self->auth_headers_list,
    [TABLE_FORM_ITEMS] = self->form_items_list,
    [TABLE_HEADERS] = self->headers_list,
    [TABLE_URL_PARAMETERS] = self->url_parameters_list,
  };

  if (self->models[table] == model)
    return;

  if (self->models[table] != NULL)
    g_clear_signal_handler (&self->changed_ids[table], self->models[table]);
  g_set_object (&self->models[table], model);
  if (model != NULL)
    self->changed_ids[table] = g_signal_connect_object (model, "items-changed",
                                                        G_CALLBACK (schedule_render), self,
                                                        G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (lists[table], model, create_name_value_row, self, NULL);
}

/* Rendering */

static void
render_header (PbConnectionPage *self,
               PbConnection     *connection)
{
  const char *name = pb_connection_get_name (connection);
  const char *system = pb_format_system_type (pb_connection_get_system_type (connection));
  const char *icon_name = _pb_connection_page_icon_for_field (GTK_WIDGET (self), pb_connection_get_icon (connection));

  if (is_empty (name))
    {
      gtk_label_set_label (self->name_label, _("Unnamed Connection"));
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
    }
  else
    {
      g_autofree char *shown = pb_format_for_display (name, MAX_NAME_CHARS);

      gtk_label_set_label (self->name_label, shown);
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
    }

  /* The words of the list row; the code as received in the tooltip. */
  {
    g_autofree char *shown = pb_format_for_display (system, MAX_NAME_CHARS);
    g_autofree char *tooltip = pb_format_for_display (pb_connection_get_system_type (connection),
                                                      MAX_TOOLTIP_CHARS);

    gtk_label_set_label (self->system_label, shown);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->system_label), tooltip);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->archived_label),
                          pb_connection_get_archived (connection));

  if (icon_name == NULL)
    {
      if (pb_connection_get_system_kind (connection) == PB_SYSTEM_KIND_DESTINATION)
        icon_name = _pb_connection_page_available_icon (GTK_WIDGET (self), "mail-send-symbolic");
      else
        icon_name = _pb_connection_page_available_icon (GTK_WIDGET (self), "network-server-symbolic");
    }
  gtk_image_set_from_icon_name (self->header_icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->header_icon), icon_name != NULL);
}

static void
render_general (PbConnectionPage *self,
                PbConnection     *connection)
{
  const char *href = pb_connection_get_href (connection);
  const char *icon = pb_connection_get_icon (connection);
  GDateTime *modified_at = pb_connection_get_modified_at (connection);
  const char *modified_at_text = pb_connection_get_modified_at_text (connection);
  gint64 revision = pb_connection_get_revision (connection);
  g_autofree char *revision_text = NULL;
  g_autofree char *modified_text = NULL;

  pb_page_property_set_value (self->description_row, pb_connection_get_description (connection));
  pb_page_property_set_value (self->ref_row, pb_connection_get_ref (connection));

  /* Copied, not opened: the API answers it only with the account's token, which a browser
   * does not have. */
  set_address (self, self->href_row, href);

  pb_page_property_set_value (self->client_key_row, pb_connection_get_client_key (connection));

  if (revision >= 0)
    revision_text = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  pb_page_property_set_value (self->revision_row, revision_text);

  /* The date as received shows as it is when it cannot be read. */
  if (modified_at != NULL)
    modified_text = pb_format_date_time_ago (modified_at);
  pb_page_property_set_value (self->modified_at_row,
                              modified_text ? modified_text : modified_at_text);
  pb_page_property_set_value_tooltip (self->modified_at_row, modified_at_text);

  pb_page_property_set_value (self->modified_by_row,
                              pb_connection_get_modified_by_ref (connection));

  pb_page_property_set_value (self->icon_row, icon);
  pb_page_property_set_icon_name (self->icon_row, _pb_connection_page_icon_for_field (GTK_WIDGET (self), icon));
}

static void
render_request (PbConnectionPage *self,
                PbConnection     *connection)
{
  const char *url = pb_connection_get_connection_url (connection);

  pb_page_property_set_value (self->method_row, pb_connection_get_request_type (connection));

  set_address (self, self->url_row, url);
  set_body_value (self->body_row, pb_connection_get_request_body (connection));
}

/* A row for each member of `auth` that no other row shows (a BASIC connection's username and
 * password, an OAuth connection's clientSecret), its value masked by the one rule. */
static void
render_auth_members (PbConnectionPage *self,
                     PbConnection     *connection,
                     gboolean          oauth)
{
  g_autoptr(GPtrArray) members = _pb_connection_page_auth_members (connection, oauth);

  for (guint i = 0; i < self->auth_member_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->auth_group),
                                  g_ptr_array_index (self->auth_member_rows, i));
  g_ptr_array_set_size (self->auth_member_rows, 0);

  for (guint i = 0; i < members->len; i++)
    {
      PbNameValue *member = g_ptr_array_index (members, i);
      const char *name = pb_name_value_get_name (member);
      const char *value = pb_name_value_get_value (member);
      PbPageProperty *row = PB_PAGE_PROPERTY (pb_page_property_new (name));

      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      set_secret_value (row, value,
                        pb_secret_name_looks_secret (name) ? pb_secret_mask (value) : NULL);
      follow_reveal_switch (self, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->auth_group), GTK_WIDGET (row));
      g_ptr_array_add (self->auth_member_rows, row);
    }
}

static void
render_auth (PbConnectionPage *self,
             PbConnection     *connection)
{
  GListModel *auth_headers = pb_connection_get_oauth_custom_headers (connection);
  GListModel *form_items = pb_connection_get_form_url_encoded_items (connection);
  const char *client_id = pb_connection_get_auth_client_id (connection);
  const char *token_url = pb_connection_get_auth_access_token_url (connection);
  const char *auth_type = pb_connection_get_auth_type (connection);
  /* The page follows the type: the OAuth rows and groups are for OAuth; for any other type the
   * members `auth` has show as they are (render_auth_members()). */
  gboolean show_oauth = pb_connection_get_auth_kind (connection) == PB_AUTH_KIND_OAUTH;

  pb_page_property_set_value (self->auth_type_row, pb_format_auth_type (auth_type));
  pb_page_property_set_value_tooltip (self->auth_type_row, auth_type);

  pb_page_property_set_value (self->client_id_row, client_id);
  set_address (self, self->token_url_row, token_url);
  pb_page_property_set_value (self->mutual_tls_row,
                              pb_connection_get_auth_use_mutual_tls (connection)
                              ? _("Yes") : _("No"));

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), show_oauth);
  gtk_widget_set_visible (GTK_WIDGET (self->token_url_row), show_oauth);
  gtk_widget_set_visible (GTK_WIDGET (self->mutual_tls_row), show_oauth);
  gtk_widget_set_visible (self->auth_headers_group, show_oauth);
  gtk_widget_set_visible (self->form_items_group, show_oauth);

  show_table (self, TABLE_AUTH_HEADERS, show_oauth ? auth_headers : NULL);
  show_table (self, TABLE_FORM_ITEMS, show_oauth ? form_items : NULL);
  render_auth_members (self, connection, show_oauth);
}

static void
pb_connection_page_render (PbConnectionPage *self)
{
  PbConnection *connection = self->connection;
  g_autofree char *json = NULL;
  g_autofree char *masked_json = NULL;

  g_clear_handle_id (&self->render_source, g_source_remove);

  if (connection == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      for (guint i = 0; i < N_TABLES; i++)
        show_table (self, i, NULL);
      pb_mapping_table_set_model (self->input_table, NULL);
      pb_mapping_table_set_model (self->output_table, NULL);
      _pb_connection_page_show_unreadable_note (self->unreadable_notes, NULL);
      _pb_connection_page_show_placeholder_notes (self->placeholder_notes, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy-json", FALSE);
      return;
    }

  render_header (self, connection);
  _pb_connection_page_show_unreadable_note (self->unreadable_notes, connection);
  render_general (self, connection);
  render_request (self, connection);
  render_auth (self, connection);

  show_table (self, TABLE_HEADERS, pb_connection_get_custom_headers (connection));
  show_table (self, TABLE_URL_PARAMETERS, pb_connection_get_url_parameters (connection));
  show_input_mappings (self);
  _pb_connection_page_show_placeholder_notes (self->placeholder_notes, connection);
  pb_mapping_table_set_model (self->output_table, pb_connection_get_output_mappings (connection));

  set_timeout (self->connection_timeout_row, pb_connection_get_connection_timeout (connection));
  set_timeout (self->read_timeout_row, pb_connection_get_socket_timeout (connection));

  set_json_value (self->example_row, pb_connection_get_example_value (connection));

  /* The object as received, masked by the same rule as the rows (what Copy JSON copies). */
  json = pb_export_connection (connection, TRUE, NULL);
  if (json == NULL)
    json = pb_connection_dup_json_pretty (connection);
  masked_json = pb_export_connection (connection, FALSE, NULL);
  if (masked_json == NULL)
    masked_json = g_strdup (PB_SECRET_MASK);
  set_secret_value (self->raw_row, json, g_steal_pointer (&masked_json));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.copy-json", !is_empty (json));

  gtk_stack_set_visible_child_name (self->stack, "connection");
}

static gboolean
render_idle (gpointer user_data)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (user_data);

  self->render_source = 0;
  pb_connection_page_render (self);

  return G_SOURCE_REMOVE;
}

/* update_from() notifies each changed property and changes rows of the tables: render once
 * for all of them. */
static void
schedule_render (PbConnectionPage *self)
{
  g_assert (PB_IS_CONNECTION_PAGE (self));

  if (self->render_source == 0)
    self->render_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, render_idle, self, NULL);
}

/* The reveal switch and the window's "include-secrets" */

static void
on_include_secrets_changed (PbConnectionPage *self,
                            const char       *action_name,
                            GVariant         *state)
{
  if (g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN))
    pb_connection_page_set_reveal_secrets (self, g_variant_get_boolean (state));
}

static void
pb_connection_page_root (GtkWidget *widget)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (pb_connection_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (G_IS_ACTION_GROUP (root)
      && g_action_group_has_action (G_ACTION_GROUP (root), "include-secrets"))
    {
      g_autoptr(GVariant) state = NULL;

      self->secrets_group = G_ACTION_GROUP (root);
      self->secrets_state_id =
        g_signal_connect_object (root, "action-state-changed::include-secrets",
                                 G_CALLBACK (on_include_secrets_changed), self,
                                 G_CONNECT_SWAPPED);
      state = g_action_group_get_action_state (self->secrets_group, "include-secrets");
      if (state != NULL)
        on_include_secrets_changed (self, "include-secrets", state);
    }
}

static void
pb_connection_page_unroot (GtkWidget *widget)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (widget);

  if (self->secrets_group != NULL)
    g_clear_signal_handler (&self->secrets_state_id, self->secrets_group);
  self->secrets_group = NULL;

  GTK_WIDGET_CLASS (pb_connection_page_parent_class)->unroot (widget);
}

/* GObject */

static void
pb_connection_page_dispose (GObject *object)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (object);

  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->connection != NULL)
    g_clear_signal_handler (&self->notify_id, self->connection);
  g_clear_object (&self->connection);

  for (guint i = 0; i < N_TABLES; i++)
    {
      if (self->models[i] != NULL)
        g_clear_signal_handler (&self->changed_ids[i], self->models[i]);
    }

  /* The stack is both the bin's child and a template child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_CONNECTION_PAGE);

  for (guint i = 0; i < N_TABLES; i++)
    g_clear_object (&self->models[i]);

  G_OBJECT_CLASS (pb_connection_page_parent_class)->dispose (object);
}

static void
pb_connection_page_finalize (GObject *object)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (object);

  g_clear_pointer (&self->auth_member_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_connection_page_parent_class)->finalize (object);
}

static void
pb_connection_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_REVEAL_SECRETS:
      g_value_set_boolean (value, self->reveal_secrets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      pb_connection_page_set_connection (self, g_value_get_object (value));
      break;
    case PROP_REVEAL_SECRETS:
      pb_connection_page_set_reveal_secrets (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_page_class_init (PbConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_connection_page_dispose;
  object_class->get_property = pb_connection_page_get_property;
  object_class->set_property = pb_connection_page_set_property;
  object_class->finalize = pb_connection_page_finalize;

  widget_class->root = pb_connection_page_root;
  widget_class->unroot = pb_connection_page_unroot;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, PB_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEAL_SECRETS] =
    g_param_spec_boolean ("reveal-secrets", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _pb_connection_page_class_actions_init (klass);

  g_type_ensure (PB_TYPE_MAPPING_TABLE);
  g_type_ensure (PB_TYPE_PAGE_PROPERTY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, header_icon);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, system_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, unreadable_notes);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, placeholder_notes);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, archived_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, ref_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, href_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, revision_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, modified_at_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, modified_by_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, icon_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, method_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, body_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, auth_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, auth_type_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, token_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, mutual_tls_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, auth_headers_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, form_items_group);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, auth_headers_list);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, form_items_list);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, headers_list);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, url_parameters_list);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, input_table);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, output_table);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, connection_timeout_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, read_timeout_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, example_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionPage, raw_row);
}

static void
pb_connection_page_init (PbConnectionPage *self)
{
  PbPageProperty *secret_rows[] = { NULL, NULL, NULL, NULL, NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->auth_member_rows = g_ptr_array_new ();

  secret_rows[0] = self->href_row;
  secret_rows[1] = self->url_row;
  secret_rows[2] = self->token_url_row;
  secret_rows[3] = self->raw_row;
  secret_rows[4] = self->body_row;
  secret_rows[5] = self->example_row;
  for (guint i = 0; i < G_N_ELEMENTS (secret_rows); i++)
    follow_reveal_switch (self, secret_rows[i]);

  pb_connection_page_render (self);
}

GtkWidget *
pb_connection_page_new (void)
{
  return g_object_new (PB_TYPE_CONNECTION_PAGE, NULL);
}

PbConnection *
pb_connection_page_get_connection (PbConnectionPage *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_PAGE (self), NULL);

  return self->connection;
}

void
pb_connection_page_set_connection (PbConnectionPage *self,
                                   PbConnection     *connection)
{
  g_return_if_fail (PB_IS_CONNECTION_PAGE (self));
  g_return_if_fail (!connection || PB_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  if (self->connection != NULL)
    g_clear_signal_handler (&self->notify_id, self->connection);
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    self->notify_id = g_signal_connect_object (connection, "notify",
                                               G_CALLBACK (schedule_render), self,
                                               G_CONNECT_SWAPPED);

  /* Another connection starts at its top, with its secrets hidden. */
  pb_connection_page_set_reveal_secrets (self, FALSE);
  pb_connection_page_render (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

gboolean
pb_connection_page_get_reveal_secrets (PbConnectionPage *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_PAGE (self), FALSE);

  return self->reveal_secrets;
}

void
pb_connection_page_set_reveal_secrets (PbConnectionPage *self,
                                       gboolean          reveal_secrets)
{
  g_return_if_fail (PB_IS_CONNECTION_PAGE (self));

  reveal_secrets = !!reveal_secrets;
  if (self->reveal_secrets == reveal_secrets)
    return;

  self->reveal_secrets = reveal_secrets;
  if (self->secrets_group != NULL)
    {
      g_autoptr(GVariant) state = g_action_group_get_action_state (self->secrets_group,
                                                                    "include-secrets");

      if (state != NULL && g_variant_get_boolean (state) != reveal_secrets)
        g_action_group_change_action_state (self->secrets_group, "include-secrets",
                                            g_variant_new_boolean (reveal_secrets));
    }
  /* The rows follow by their bindings; the tooltips of the addresses and the mappings here. */
  if (self->connection != NULL)
    {
      show_input_mappings (self);
      set_address (self, self->href_row, pb_connection_get_href (self->connection));
      set_address (self, self->url_row, pb_connection_get_connection_url (self->connection));
      set_address (self, self->token_url_row,
                   pb_connection_get_auth_access_token_url (self->connection));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_SECRETS]);
}
