/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-preferences-window-private.h"

G_DEFINE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_pb_preferences_window_set_status (PbPreferencesWindow *self,
                                   PbPreferencesStatus  kind,
                                   const char          *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");

  if (kind == PB_PREFERENCES_STATUS_NONE || message == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      return;
    }

  if (kind == PB_PREFERENCES_STATUS_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else if (kind == PB_PREFERENCES_STATUS_SUCCESS)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");

  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      volatile char *p = text;

      while (*p != '\0')
        *p++ = '\0';
      g_free (text);
    }
}

typedef char PbWipedString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbWipedString, wipe_free)

static PbSignIn
form_sign_in (PbPreferencesWindow *self)
{
  return adw_combo_row_get_selected (self->sign_in_row) == 1
         ? PB_SIGN_IN_ACCESS_TOKEN : PB_SIGN_IN_API_KEY;
}

PbAccount *
_pb_preferences_window_build_account (PbPreferencesWindow *self)
{
  PbAccount *account = pb_account_copy (self->account);
  g_autoptr(PbWipedString) secret = NULL;

  /* A pasted secret often comes with a space or a line break around it. */
  secret = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_row))));

  pb_account_set_name (account, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  pb_account_set_production (account, gtk_switch_get_active (self->production_switch));
  pb_account_set_base_url (account, gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)));
  pb_account_set_sign_in (account, form_sign_in (self));
  pb_account_set_client_id (account,
                            gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)));
  pb_account_set_token_endpoint (account,
                                 gtk_editable_get_text (GTK_EDITABLE (self->token_endpoint_row)));
  pb_account_set_audience (account, gtk_editable_get_text (GTK_EDITABLE (self->audience_row)));
  if (*secret != '\0')
    pb_account_set_secret (account, secret);

  return account;
}

/* Shows (or hides) the explanation of a wrong address under its entry. */
static gboolean
check_url_row (AdwEntryRow *row,
               GtkLabel    *error_label,
               gboolean     relevant)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = !relevant
                || pb_account_check_url (gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      gtk_label_set_text (error_label, "");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_text (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
    }

  return ok;
}

static void
update_state (PbPreferencesWindow *self)
{
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  PbSignIn sign_in = form_sign_in (self);
  gboolean api_key = sign_in == PB_SIGN_IN_API_KEY;
  gboolean saved = pb_account_get_saved (self->account);
  gboolean valid;

  gtk_widget_set_visible (GTK_WIDGET (self->client_id_row), api_key);
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_row), api_key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 api_key ? _("Client Secret") : _("Access Token"));

  check_url_row (self->base_url_row, self->base_url_error, TRUE);
  check_url_row (self->token_endpoint_row, self->token_endpoint_error, api_key);

  account = _pb_preferences_window_build_account (self);
  valid = pb_account_validate (account, &error);

  if (saved && pb_account_get_address_changed (account))
    adw_preferences_group_set_description (self->sign_in_group,
                                           api_key
                                           ? _("The address changed. The saved client secret "
                                               "is only sent where it was saved for: enter it "
                                               "again to use this address.")
                                           : _("The address changed. The saved access token "
                                               "is only sent where it was saved for: paste it "
                                               "again to use this address."));
  else if (saved && pb_account_get_sign_in (self->account) == sign_in)
    adw_preferences_group_set_description (self->sign_in_group,
                                           api_key
                                           ? _("The client secret is saved in the keyring. "
                                               "Leave it empty to keep it.")
                                           : _("The access token is saved in the keyring. "
                                               "Leave it empty to keep it."));
  else if (api_key)
    adw_preferences_group_set_description (self->sign_in_group,
                                           _("Create an API key in Sitecore Personalize under "
                                             "Developer Center › API keys, for the "
                                             "“Connections” feature."));
  else
    adw_preferences_group_set_description (self->sign_in_group,
                                           _("Paste an access token. Plugboard cannot renew "
                                             "it: when it expires, paste a new one."));

  adw_preferences_group_set_title (self->server_group,
                                   saved ? _("Account") : _("New Account"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), valid && !self->busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               valid ? _("Save the account in the keyring") : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), saved);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

void
_pb_preferences_window_set_busy (PbPreferencesWindow *self,
                                 gboolean             busy)
{
  self->busy = busy;
  update_state (self);
}

GCancellable *
_pb_preferences_window_restart_cancellable (PbPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;

  return self->cancellable;
}

static void
fill_form (PbPreferencesWindow *self)
{
  gboolean saved = pb_account_get_saved (self->account);
  gboolean advanced;

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         saved ? pb_account_get_name (self->account) : "");
  gtk_switch_set_active (self->production_switch, pb_account_get_production (self->account));
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row),
                         pb_account_get_base_url (self->account));
  adw_combo_row_set_selected (self->region_row,
                              pb_region_for_base_url (pb_account_get_base_url (self->account)));
  adw_combo_row_set_selected (self->sign_in_row,
                              pb_account_get_sign_in (self->account) == PB_SIGN_IN_ACCESS_TOKEN
                              ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row),
                         pb_account_get_client_id (self->account));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_endpoint_row),
                         pb_account_get_token_endpoint (self->account));
  gtk_editable_set_text (GTK_EDITABLE (self->audience_row),
                         pb_account_get_audience (self->account));
  advanced = g_strcmp0 (pb_account_get_token_endpoint (self->account),
                        PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT) != 0
             || g_strcmp0 (pb_account_get_audience (self->account),
                           PB_ACCOUNT_DEFAULT_AUDIENCE) != 0;
  adw_expander_row_set_expanded (self->advanced_row, advanced);

  self->filling = FALSE;

  _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_NONE, NULL);
  update_state (self);
}

gboolean
_pb_preferences_window_has_changes (PbPreferencesWindow *self)
{
  gboolean saved = pb_account_get_saved (self->account);

  /* What fill_form() put there, field by field. */
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                    saved ? pb_account_get_name (self->account) : "") != 0
         || gtk_switch_get_active (self->production_switch)
            != pb_account_get_production (self->account)
         || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)),
                       pb_account_get_base_url (self->account)) != 0
         || form_sign_in (self) != pb_account_get_sign_in (self->account)
         || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)),
                       pb_account_get_client_id (self->account)) != 0
         || *gtk_editable_get_text (GTK_EDITABLE (self->secret_row)) != '\0'
         || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->token_endpoint_row)),
                       pb_account_get_token_endpoint (self->account)) != 0
         || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->audience_row)),
                       pb_account_get_audience (self->account)) != 0;
}

/* The list of accounts */

static GtkWidget *
create_account_row (PbPreferencesWindow *self,
                    PbAccount           *account)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (account, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (account, "host", row, "subtitle", G_BINDING_SYNC_CREATE);

  gtk_widget_set_tooltip_text (check, _("The account in use"));
  gtk_widget_set_visible (check, account == pb_account_store_get_active (self->store));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

  g_object_set_data_full (G_OBJECT (row), "pb-account", g_object_ref (account), g_object_unref);

  return row;
}

static GtkWidget *
create_add_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add Account"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "pb-add-row", GINT_TO_POINTER (TRUE));

  return row;
}

static GtkListBoxRow *
find_row (PbPreferencesWindow *self,
          PbAccount           *account)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;

      if (account == NULL
          ? g_object_get_data (G_OBJECT (child), "pb-add-row") != NULL
          : g_object_get_data (G_OBJECT (child), "pb-account") == (gpointer) account)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
select_current_row (PbPreferencesWindow *self)
{
  GtkListBoxRow *row;

  row = find_row (self, pb_account_get_saved (self->account)
                        && pb_account_store_lookup (self->store,
                                                    pb_account_get_id (self->account))
                        ? self->account : NULL);
  gtk_list_box_select_row (self->accounts_list, row);
}

static void
rebuild_rows (PbPreferencesWindow *self)
{
  GtkWidget *child;
  guint n;

  self->rebuilding = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      gtk_list_box_append (self->accounts_list, create_account_row (self, account));
    }
  gtk_list_box_append (self->accounts_list, create_add_row ());

  if (self->account != NULL)
    select_current_row (self);

  self->rebuilding = FALSE;
}

void
_pb_preferences_window_set_account (PbPreferencesWindow *self,
                                    PbAccount           *account)
{
  g_autoptr(PbAccount) fresh = NULL;

  if (account == NULL)
    account = fresh = pb_account_new ();

  if (!g_set_object (&self->account, account))
    return;

  _pb_preferences_window_restart_cancellable (self);
  fill_form (self);
  select_current_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

static void
accounts_row_selected_cb (PbPreferencesWindow *self,
                          GtkListBoxRow       *row,
                          GtkListBox          *list)
{
  PbAccount *account;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (row == NULL || self->rebuilding)
    return;

  if (g_object_get_data (G_OBJECT (row), "pb-add-row") != NULL)
    {
      /* Keep a new account that is being typed in. */
      if (pb_account_get_saved (self->account))
        _pb_preferences_window_set_account (self, NULL);
      return;
    }

  account = g_object_get_data (G_OBJECT (row), "pb-account");
  if (account != NULL && account != self->account)
    _pb_preferences_window_set_account (self, account);
}

static void
store_items_changed_cb (PbPreferencesWindow *self,
                        guint                position,
                        guint                removed,
                        guint                added,
                        GListModel          *model)
{
  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  rebuild_rows (self);
}

static void
store_active_changed_cb (PbPreferencesWindow *self,
                         GParamSpec          *pspec,
                         PbAccountStore      *store)
{
  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  rebuild_rows (self);
}

void
_pb_preferences_window_show_saved (PbPreferencesWindow *self,
                                   PbAccount           *account)
{
  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  fill_form (self);
  rebuild_rows (self);
}

/* The form */

static void
form_changed_cb (PbPreferencesWindow *self)
{
  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (self->filling)
    return;

  /* The result of a check or save was about other values. */
  _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_NONE, NULL);
  update_state (self);
}

static void
region_selected_cb (PbPreferencesWindow *self)
{
  PbRegion region;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (self->filling || self->syncing_region)
    return;

  region = adw_combo_row_get_selected (self->region_row);
  if (region < PB_REGION_CUSTOM)
    {
      self->syncing_region = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), pb_region_get_base_url (region));
      self->syncing_region = FALSE;
    }

  form_changed_cb (self);
}

static void
base_url_changed_cb (PbPreferencesWindow *self)
{
  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (self->filling)
    return;

  if (!self->syncing_region)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->base_url_row));

      self->syncing_region = TRUE;
      adw_combo_row_set_selected (self->region_row, pb_region_for_base_url (text));
      self->syncing_region = FALSE;
    }

  form_changed_cb (self);
}

/* GObject */

static void
pb_preferences_window_constructed (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->constructed (object);

  g_assert (PB_IS_ACCOUNT_STORE (self->store));

  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::active",
                           G_CALLBACK (store_active_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild_rows (self);
  _pb_preferences_window_set_account (self, pb_account_store_get_active (self->store));
}

static gboolean
pb_preferences_window_close_request (GtkWindow *window)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (window);

  if (!self->discard_changes && _pb_preferences_window_has_changes (self))
    {
      _pb_preferences_window_ask_to_close (self);
      return TRUE;
    }

  if (GTK_WINDOW_CLASS (pb_preferences_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (pb_preferences_window_parent_class)->close_request (window);

  return FALSE;
}

static void
pb_preferences_window_dispose (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->dispose (object);
}

static void
pb_preferences_window_finalize (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->finalize (object);
}

static void
pb_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_class_init (PbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_preferences_window_constructed;
  object_class->dispose = pb_preferences_window_dispose;
  object_class->finalize = pb_preferences_window_finalize;
  object_class->get_property = pb_preferences_window_get_property;
  object_class->set_property = pb_preferences_window_set_property;

  GTK_WINDOW_CLASS (klass)->close_request = pb_preferences_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PB_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, production_switch);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, base_url_error);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, token_endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, audience_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow,
                                        token_endpoint_error);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, accounts_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_changed_cb);
  _pb_preferences_window_class_init_actions (widget_class);
  /* Found by tests through gtk_widget_get_template_child(); the code needs no field. */
  gtk_widget_class_bind_template_child_full (widget_class, "clear_cache_button", FALSE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_preferences_window_init (PbPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_preferences_window_new (GtkWindow      *parent,
                           PbAccountStore *store)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (PB_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                      : NULL,
                       NULL);
}

void
pb_preferences_window_select_account (PbPreferencesWindow *self,
                                      PbAccount           *account)
{
  g_return_if_fail (PB_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (!account || PB_IS_ACCOUNT (account));

  _pb_preferences_window_set_account (self, account);
}

PbAccount *
pb_preferences_window_get_account (PbPreferencesWindow *self)
{
  g_return_val_if_fail (PB_IS_PREFERENCES_WINDOW (self), NULL);

  return self->account;
}
