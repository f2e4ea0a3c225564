/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-mapping-table"

#include "config.h"

#include "pb-format.h"
#include "pb-mapping.h"
#include "pb-mapping-table.h"
#include "pb-page-property.h"

/* Labels lay out their whole text: what a cell shows is kept to a size people can read. */
#define MAX_CELL_CHARS 200
#define MAX_TOOLTIP_CHARS 1000

struct _PbMappingTable
{
  GtkWidget            parent_instance;

  GListModel          *model;
  gulong               items_changed_id;
  PbMappingKind        kind;
  char                *title;

  GtkLabel            *empty_label;
  GtkWidget           *scroller;
  GtkColumnView       *view;

  GtkColumnViewColumn *input_label_column;
  GtkColumnViewColumn *input_key_column;
  GtkColumnViewColumn *input_type_column;
  GtkColumnViewColumn *input_example_value_column;
  GtkColumnViewColumn *input_mapping_column;
  GtkColumnViewColumn *output_label_column;
  GtkColumnViewColumn *output_reference_column;
  GtkColumnViewColumn *output_type_column;
};

G_DEFINE_FINAL_TYPE (PbMappingTable, pb_mapping_table, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PbMappingKind, pb_mapping_kind,
                    G_DEFINE_ENUM_VALUE (PB_MAPPING_KIND_INPUT, "input"),
                    G_DEFINE_ENUM_VALUE (PB_MAPPING_KIND_OUTPUT, "output"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_MODEL,
  PROP_EMPTY_TEXT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* Cells (closures of the cell template) */

static char *
cell_text (GtkListItem *list_item,
           const char  *value)
{
  if (is_empty (value))
    return g_strdup (pb_format_not_set ());

  return pb_format_for_display (value, MAX_CELL_CHARS);
}

static char *
cell_tooltip (GtkListItem *list_item,
              const char  *value)
{
  return is_empty (value) ? NULL : pb_format_for_display (value, MAX_TOOLTIP_CHARS);
}

static GStrv
cell_css_classes (GtkListItem *list_item,
                  const char  *value)
{
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();

  if (is_empty (value))
    g_strv_builder_add (classes, "dim-label");

  return g_strv_builder_end (classes);
}

static void
pb_mapping_table_update (PbMappingTable *self)
{
  gboolean has_rows = self->model != NULL && g_list_model_get_n_items (self->model) > 0;

  gtk_widget_set_visible (self->scroller, has_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), !has_rows);
}

static void
on_items_changed (PbMappingTable *self)
{
  g_assert (PB_IS_MAPPING_TABLE (self));

  pb_mapping_table_update (self);
}

/* GObject */

static void
pb_mapping_table_constructed (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);
  GtkColumnViewColumn *input[] = {
    self->input_label_column, self->input_key_column, self->input_type_column,
    self->input_example_value_column, self->input_mapping_column,
  };
  GtkColumnViewColumn *output[] = {
    self->output_label_column, self->output_reference_column, self->output_type_column,
  };

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->constructed (object);

  if (self->kind == PB_MAPPING_KIND_INPUT)
    for (guint i = 0; i < G_N_ELEMENTS (input); i++)
      gtk_column_view_append_column (self->view, input[i]);
  else
    for (guint i = 0; i < G_N_ELEMENTS (output); i++)
      gtk_column_view_append_column (self->view, output[i]);
}

static void
pb_mapping_table_dispose (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_MAPPING_TABLE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->dispose (object);
}

static void
pb_mapping_table_finalize (GObject *object)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  g_free (self->title);

  G_OBJECT_CLASS (pb_mapping_table_parent_class)->finalize (object);
}

static void
pb_mapping_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_label (self->empty_label));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_mapping_table_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbMappingTable *self = PB_MAPPING_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_MODEL:
      pb_mapping_table_set_model (self, g_value_get_object (value));
      break;
    case PROP_EMPTY_TEXT:
      pb_mapping_table_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      pb_mapping_table_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_mapping_table_class_init (PbMappingTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_mapping_table_constructed;
  object_class->dispose = pb_mapping_table_dispose;
  object_class->finalize = pb_mapping_table_finalize;
  object_class->get_property = pb_mapping_table_get_property;
  object_class->set_property = pb_mapping_table_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PB_TYPE_MAPPING_KIND, PB_MAPPING_KIND_INPUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The cell template looks these types up by name. */
  g_type_ensure (PB_TYPE_INPUT_MAPPING);
  g_type_ensure (PB_TYPE_OUTPUT_MAPPING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-mapping-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, view);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_label_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_key_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_type_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_example_value_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, input_mapping_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_label_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_reference_column);
  gtk_widget_class_bind_template_child (widget_class, PbMappingTable, output_type_column);
  gtk_widget_class_bind_template_callback (widget_class, cell_text);
  gtk_widget_class_bind_template_callback (widget_class, cell_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, cell_css_classes);
}

static void
pb_mapping_table_init (PbMappingTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_mapping_table_new (PbMappingKind kind)
{
  return g_object_new (PB_TYPE_MAPPING_TABLE, "kind", kind, NULL);
}

PbMappingKind
pb_mapping_table_get_kind (PbMappingTable *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_TABLE (self), PB_MAPPING_KIND_INPUT);

  return self->kind;
}

GListModel *
pb_mapping_table_get_model (PbMappingTable *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_TABLE (self), NULL);

  return self->model;
}

void
pb_mapping_table_set_model (PbMappingTable *self,
                            GListModel     *model)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (PB_IS_MAPPING_TABLE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->items_changed_id = g_signal_connect_object (model, "items-changed",
                                                        G_CALLBACK (on_items_changed), self,
                                                        G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (model));
    }

  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  pb_mapping_table_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
pb_mapping_table_set_empty_text (PbMappingTable *self,
                                 const char     *empty_text)
{
  g_return_if_fail (PB_IS_MAPPING_TABLE (self));

  if (g_strcmp0 (gtk_label_get_label (self->empty_label), empty_text) == 0)
    return;

  gtk_label_set_label (self->empty_label, empty_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

void
pb_mapping_table_set_title (PbMappingTable *self,
                            const char     *title)
{
  g_return_if_fail (PB_IS_MAPPING_TABLE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
