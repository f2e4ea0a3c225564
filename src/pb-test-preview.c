/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection.h"
#include "pb-export.h"
#include "pb-mapping.h"
#include "pb-name-value.h"
#include "pb-outbound-request.h"
#include "pb-secret.h"
#include "pb-test-preview.h"

struct _PbTestPreview
{
  AdwBin          parent_instance;

  PbConnection   *connection;
  gboolean        reveal_secrets;
  gboolean        has_secrets;
  GPtrArray      *entries; /* the placeholders' rows, each with its name as "placeholder" */
  GListStore     *request_items;
  GListStore     *header_items;

  GtkLabel        *title_label;
  GtkLabel        *intro_label;
  AdwPreferencesGroup *placeholders_group;
  GtkListBox      *placeholders_list;
  GtkSwitch       *fill_switch;
  GtkListBox      *request_list;
  GtkListBox      *headers_list;
  AdwPreferencesGroup *body_group;
  GtkWidget       *body_frame;
  GtkTextView     *body_view;
  GtkWidget       *send_button;
};

G_DEFINE_FINAL_TYPE (PbTestPreview, pb_test_preview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_REVEAL_SECRETS,
  PROP_HAS_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ Showing */

GtkWidget *
pb_test_name_value_row_new (const char *name,
                            const char *value)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *name_label;
  GtkWidget *value_label;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  name_label = gtk_label_new (name != NULL ? name : _("Unnamed"));
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_widget_add_css_class (name_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), name_label);

  value_label = gtk_label_new (value != NULL && *value != '\0' ? value : _("Empty"));
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (box), value_label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A screen reader reads the row as the name, then its value. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, value_label, NULL,
                                  -1);

  return row;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return pb_test_name_value_row_new (pb_name_value_get_name (item),
                                     pb_name_value_get_value (item));
}

static gboolean
same_request (PbOutboundRequest *a,
              PbOutboundRequest *b)
{
  if (g_strcmp0 (a->url, b->url) != 0 || g_strcmp0 (a->body, b->body) != 0
      || a->headers->len != b->headers->len)
    return FALSE;

  for (guint i = 0; i < a->headers->len; i++)
    if (!pb_name_value_equal (g_ptr_array_index (a->headers, i),
                              g_ptr_array_index (b->headers, i)))
      return FALSE;

  return TRUE;
}

static void
show_request (PbTestPreview *self)
{
  g_autoptr(GHashTable) values = pb_test_preview_dup_values (self);
  g_autoptr(PbOutboundRequest) shown = NULL;
  g_autoptr(PbOutboundRequest) other = NULL;
  g_autoptr(PbNameValue) method = NULL;
  g_autoptr(PbNameValue) url = NULL;
  gboolean has_secrets;

  shown = pb_outbound_request_new (self->connection, values, self->reveal_secrets);
  other = pb_outbound_request_new (self->connection, values, !self->reveal_secrets);

  /* Translators: the HTTP method of a request (GET, POST…) */
  method = pb_name_value_new (_("Method"), shown->method);
  url = pb_name_value_new (_("URL"), shown->url);
  g_list_store_splice (self->request_items, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->request_items)),
                       (gpointer[]) { method, url }, 2);
  g_list_store_splice (self->header_items, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->header_items)),
                       shown->headers->pdata, shown->headers->len);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            shown->body != NULL ? shown->body : "", -1);
  gtk_widget_set_visible (self->body_frame, shown->body != NULL);
  adw_preferences_group_set_description (self->body_group,
                                         shown->body != NULL ? NULL
                                         : _("This request has no body"));

  has_secrets = !same_request (shown, other);
  if (has_secrets != self->has_secrets)
    {
      self->has_secrets = has_secrets;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SECRETS]);
    }
}

static const char *
find_label (PbTestPreview *self,
            const char    *key)
{
  GListModel *mappings = pb_connection_get_input_mappings (self->connection);
  guint n = mappings != NULL ? g_list_model_get_n_items (mappings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbInputMapping) mapping = g_list_model_get_item (mappings, i);

      if (g_strcmp0 (pb_input_mapping_get_key (mapping), key) == 0)
        return pb_input_mapping_get_label (mapping);
    }

  return NULL;
}

static void
add_placeholder_rows (PbTestPreview *self)
{
  g_auto(GStrv) names = pb_connection_dup_placeholders (self->connection);
  g_autoptr(GHashTable) examples = pb_connection_dup_example_values (self->connection);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *label = find_label (self, names[i]);
      const char *example = g_hash_table_lookup (examples, names[i]);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (label != NULL && *label != '\0' && g_strcmp0 (label, names[i]) != 0)
        /* Translators: an input mapping's label, then its placeholder ("Phone — ${phone}") */
        title = g_strdup_printf (_("%s — ${%s}"), label, names[i]);
      else
        title = g_strdup_printf ("${%s}", names[i]);

      /* A value that looks secret is typed unseen. */
      row = pb_secret_name_looks_secret (names[i]) ? adw_password_entry_row_new ()
                                                   : adw_entry_row_new ();
#if ADW_CHECK_VERSION (1, 4, 0)
      /* A label is text, not markup ("Price & Tax"). */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
#endif
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), example != NULL ? example : "");
      g_object_set_data_full (G_OBJECT (row), "placeholder", g_strdup (names[i]), g_free);
      /* Shown only when filled in: a value on screen reads as one that goes out. */
      g_object_bind_property (self->fill_switch, "active", row, "visible",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (row, "changed", G_CALLBACK (show_request), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->placeholders_list, row);
      g_ptr_array_add (self->entries, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->placeholders_group), self->entries->len > 0);
}

/* }}} */
/* {{{ GObject */

static void
pb_test_preview_constructed (GObject *object)
{
  PbTestPreview *self = PB_TEST_PREVIEW (object);
  gboolean effects;

  G_OBJECT_CLASS (pb_test_preview_parent_class)->constructed (object);

  g_assert (PB_IS_CONNECTION (self->connection));
  effects = pb_connection_test_has_effects (self->connection);

  if (effects)
    {
      gtk_label_set_text (self->title_label, _("This Test Sends a Real Request"));
      gtk_label_set_text (self->intro_label,
                          _("Sitecore Personalize will send this request to the service. "
                            "The service may act on it: send a message, an email, or change "
                            "data."));
      gtk_widget_add_css_class (self->send_button, "destructive-action");
    }
  else
    {
      gtk_label_set_text (self->title_label, _("Review the Test"));
      gtk_label_set_text (self->intro_label,
                          _("Sitecore Personalize will send this request to the service."));
      gtk_widget_add_css_class (self->send_button, "suggested-action");
    }

  add_placeholder_rows (self);
  g_signal_connect_object (self->fill_switch, "notify::active", G_CALLBACK (show_request), self,
                           G_CONNECT_SWAPPED);
  show_request (self);
}

static void
pb_test_preview_dispose (GObject *object)
{
  PbTestPreview *self = PB_TEST_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_TEST_PREVIEW);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->request_items);
  g_clear_object (&self->header_items);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (pb_test_preview_parent_class)->dispose (object);
}

static void
pb_test_preview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbTestPreview *self = PB_TEST_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_REVEAL_SECRETS:
      g_value_set_boolean (value, self->reveal_secrets);
      break;
    case PROP_HAS_SECRETS:
      g_value_set_boolean (value, self->has_secrets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_test_preview_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbTestPreview *self = PB_TEST_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_REVEAL_SECRETS:
      if (self->reveal_secrets != g_value_get_boolean (value))
        {
          self->reveal_secrets = g_value_get_boolean (value);
          if (self->connection != NULL && self->entries != NULL)
            show_request (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_test_preview_class_init (PbTestPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_test_preview_constructed;
  object_class->dispose = pb_test_preview_dispose;
  object_class->get_property = pb_test_preview_get_property;
  object_class->set_property = pb_test_preview_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, PB_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEAL_SECRETS] =
    g_param_spec_boolean ("reveal-secrets", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_SECRETS] =
    g_param_spec_boolean ("has-secrets", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-test-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, placeholders_group);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, placeholders_list);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, fill_switch);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, request_list);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, headers_list);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, body_group);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, body_frame);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, body_view);
  gtk_widget_class_bind_template_child (widget_class, PbTestPreview, send_button);
}

static void
pb_test_preview_init (PbTestPreview *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
  self->request_items = g_list_store_new (PB_TYPE_NAME_VALUE);
  self->header_items = g_list_store_new (PB_TYPE_NAME_VALUE);
  gtk_list_box_bind_model (self->request_list, G_LIST_MODEL (self->request_items),
                           create_row, NULL, NULL);
  gtk_list_box_bind_model (self->headers_list, G_LIST_MODEL (self->header_items),
                           create_row, NULL, NULL);

  placeholder = gtk_label_new (_("No headers are sent"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->headers_list, placeholder);
}

/* }}} */

GtkWidget *
pb_test_preview_new (PbConnection *connection)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  return g_object_new (PB_TYPE_TEST_PREVIEW, "connection", connection, NULL);
}

GHashTable *
pb_test_preview_dup_values (PbTestPreview *self)
{
  GHashTable *values;

  g_return_val_if_fail (PB_IS_TEST_PREVIEW (self), NULL);

  if (!gtk_switch_get_active (self->fill_switch))
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->entries->len; i++)
    {
      GObject *row = g_ptr_array_index (self->entries, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      if (text != NULL && *text != '\0')
        g_hash_table_insert (values, g_strdup (g_object_get_data (row, "placeholder")),
                             g_strdup (text));
    }

  return values;
}

char *
pb_test_preview_dup_curl (PbTestPreview *self)
{
  g_autoptr(GHashTable) values = NULL;

  g_return_val_if_fail (PB_IS_TEST_PREVIEW (self), NULL);

  values = pb_test_preview_dup_values (self);
  return pb_connection_to_curl_with_values (self->connection, values, self->reveal_secrets);
}

gboolean
pb_test_preview_get_has_secrets (PbTestPreview *self)
{
  g_return_val_if_fail (PB_IS_TEST_PREVIEW (self), FALSE);

  return self->has_secrets;
}
