/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-parser"

#include "config.h"

#include <string.h>

#include "pb-connection-parser.h"

const int _pb_parser_row_checked;

/* The state of reading connections (pb-connection-reader.c): the strings kept once for a
 * page, the place in the document for error messages, typed values, and the rows of the
 * tables. */

void
_pb_parser_init (Parser       *ps,
                 PbJsonReader *reader,
                 const char   *path,
                 GError      **error)
{
  ps->reader = reader;
  ps->path = g_string_new (path);
  ps->pool = g_string_new (NULL);
  ps->scratch = g_string_new (NULL);
  ps->scratch2 = g_string_new (NULL);
  ps->shared = NULL;
  ps->shared_index = NULL;
  ps->build = FALSE;
  ps->unreadable = NULL;
  ps->base = 0;
  ps->error = error;
}

void
_pb_parser_clear (Parser *ps)
{
  g_string_free (ps->path, TRUE);
  g_string_free (ps->pool, TRUE);
  g_string_free (ps->scratch, TRUE);
  g_string_free (ps->scratch2, TRUE);
  if (ps->shared != NULL)
    g_string_free (ps->shared, TRUE);
  g_clear_pointer (&ps->shared_index, g_free);
  g_clear_pointer (&ps->unreadable, g_ptr_array_unref);
}

/* {{{ Strings kept once for a page */

guint32
_pb_text_hash (const char *s,
               gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;
  guint64 word;

  for (; len >= sizeof word; s += sizeof word, len -= sizeof word)
    {
      memcpy (&word, s, sizeof word);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  if (len > 0)
    {
      word = 0;
      memcpy (&word, s, len);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;

  return (guint32)h;
}


void
_pb_parser_share_strings (Parser *ps)
{
  ps->shared = g_string_new (NULL);
  ps->shared_mask = 255;
  ps->shared_count = 0;
  ps->shared_index = g_new0 (SharedSlot, ps->shared_mask + 1);
}

/* Doubles the slots when half are taken. */
static void
shared_index_grow (Parser *ps)
{
  guint old_size = ps->shared_mask + 1;
  SharedSlot *old = ps->shared_index;

  ps->shared_mask = old_size * 2 - 1;
  ps->shared_index = g_new0 (SharedSlot, old_size * 2);
  for (guint i = 0; i < old_size; i++)
    if (old[i].offset != 0)
      {
        guint j = old[i].hash & ps->shared_mask;

        while (ps->shared_index[j].offset != 0)
          j = (j + 1) & ps->shared_mask;
        ps->shared_index[j] = old[i];
      }
  g_free (old);
}

/* Moves the string just decoded at `offset` of the pool (its end) into the page's shared
 * strings, once; returns its offset there, marked SHARED_STRING. */
guint32
_pb_parser_share_string (Parser  *ps,
                         guint32  offset)
{
  const char *text = ps->pool->str + offset;
  guint32 len = ps->pool->len - offset - 1;
  guint32 hash = _pb_text_hash (text, len);
  guint i = hash & ps->shared_mask;
  guint32 shared_offset;

  for (;; i = (i + 1) & ps->shared_mask)
    {
      SharedSlot *slot = &ps->shared_index[i];

      if (slot->offset == 0)
        {
          shared_offset = ps->shared->len;
          g_string_append_len (ps->shared, text, len + 1);
          slot->hash = hash;
          slot->offset = shared_offset + 1;
          slot->len = len;
          if (++ps->shared_count > ps->shared_mask / 2)
            shared_index_grow (ps);
          break;
        }
      if (slot->hash == hash && slot->len == len
          && memcmp (ps->shared->str + slot->offset - 1, text, len) == 0)
        {
          shared_offset = slot->offset - 1;
          break;
        }
    }
  ps->pool->len = offset;
  ps->pool->str[offset] = '\0';

  return SHARED_STRING | shared_offset;
}

/* A string of the connection being read, by offset (pool or shared). */
const char *
_pb_parser_str (Parser  *ps,
                guint32  offset)
{
  if (offset == NO_STRING)
    return NULL;
  if (offset & SHARED_STRING)
    return ps->shared->str + (offset & ~SHARED_STRING);
  return ps->pool->str + offset;
}

/* }}} */
/* {{{ Places and errors */

gsize
_pb_parser_push_member (GString    *path,
                        const char *name)
{
  gsize old = path->len;

  if (old > 0)
    g_string_append_c (path, '.');
  g_string_append (path, name);
  return old;
}

gsize
_pb_parser_push_index (GString *path,
                       guint    index)
{
  gsize old = path->len;
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + index % 10;
  while ((index /= 10) > 0);

  g_string_append_c (path, '[');
  while (n > 0)
    g_string_append_c (path, digits[--n]);
  g_string_append_c (path, ']');
  return old;
}

void
_pb_parser_pop (GString *path,
                gsize    old)
{
  g_string_truncate (path, old);
}

/* Sets the error "<path>.<member>: <what>" (member may be NULL). */
gboolean
_pb_parser_error (Parser     *ps,
                  const char *member,
                  const char *what)
{
  gsize old = ps->path->len;

  if (member != NULL)
    _pb_parser_push_member (ps->path, member);
  g_set_error (ps->error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE, "%s: %s",
               ps->path->len > 0 ? ps->path->str : "document", what);
  _pb_parser_pop (ps->path, old);
  return FALSE;
}

void
_pb_parser_unreadable (Parser     *ps,
                       const char *member,
                       const char *what)
{
  gsize old = ps->path->len;
  const char *place;

  if (member != NULL)
    _pb_parser_push_member (ps->path, member);
  g_debug ("%s: %s; kept as received", ps->path->len > 0 ? ps->path->str : "document", what);
  if (ps->unreadable != NULL)
    {
      place = ps->path->str + MIN (ps->base, ps->path->len);
      if (*place == '.')
        place++;
      g_ptr_array_add (ps->unreadable, g_strdup (*place != '\0' ? place : "document"));
    }
  _pb_parser_pop (ps->path, old);
}

/* }}} */
/* {{{ Values */

/* Decodes the string (or null) under the cursor into `buf`, NUL-terminated; *offset is where,
 * or NO_STRING. With no `buf`, only checks that the value is a string or null. */
void
_pb_parser_read_string (Parser     *ps,
                        const char *member,
                        GString    *buf,
                        guint32    *offset)
{
  *offset = NO_STRING;
  switch (pb_json_reader_get_value_type (ps->reader))
    {
    case PB_JSON_NULL:
      return;

    case PB_JSON_STRING:
      if (buf == NULL)
        return;
      *offset = buf->len;
      pb_json_reader_append_string (ps->reader, buf);
      g_string_append_c (buf, '\0');
      return;

    case PB_JSON_NONE:
    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    case PB_JSON_OBJECT:
    case PB_JSON_ARRAY:
    default:
      _pb_parser_unreadable (ps, member, "expected a string");
      return;
    }
}

void
_pb_parser_read_int (Parser     *ps,
                     const char *member,
                     gint64     *out)
{
  PbJsonType type = pb_json_reader_get_value_type (ps->reader);

  if (type == PB_JSON_NULL)
    *out = -1;
  else if (!pb_json_reader_get_int64 (ps->reader, out) || *out < 0)
    {
      *out = -1;
      _pb_parser_unreadable (ps, member, type == PB_JSON_NUMBER
                                         ? "expected a whole number from 0 to 2^63 - 1"
                                         : "expected a number");
    }
}

void
_pb_parser_read_bool (Parser     *ps,
                      const char *member,
                      gboolean   *out)
{
  if (pb_json_reader_get_value_type (ps->reader) == PB_JSON_NULL)
    *out = FALSE;
  else if (!pb_json_reader_get_boolean (ps->reader, out))
    {
      *out = FALSE;
      _pb_parser_unreadable (ps, member, "expected a boolean");
    }
}

/* }}} */
/* {{{ Table rows */

static inline const char *
scratch_str (Parser  *ps,
             guint32  offset)
{
  return offset == NO_STRING ? NULL : ps->scratch->str + offset;
}

/* A member name of a row, and its length. */
typedef struct
{
  const char *name;
  gsize       len;
} RowKey;

#define ROW_KEY(name) { name, sizeof (name) - 1 }

/* Reads the string members `keys` of the object under the cursor into off[] (offsets into
 * ps->scratch when building); FALSE when it is not an object (not a row). */
static gboolean
read_row_strings (Parser       *ps,
                  const RowKey *keys,
                  guint         n_keys,
                  guint32      *off)
{
  for (guint i = 0; i < n_keys; i++)
    off[i] = NO_STRING;

  if (pb_json_reader_get_value_type (ps->reader) != PB_JSON_OBJECT)
    {
      _pb_parser_unreadable (ps, NULL, "expected an object");
      return FALSE;
    }

  g_string_truncate (ps->scratch, 0);
  for (gboolean more = pb_json_reader_start_object (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    for (guint i = 0; i < n_keys; i++)
      if (pb_json_reader_member_is (ps->reader, keys[i].name, keys[i].len))
        {
          _pb_parser_read_string (ps, keys[i].name, ps->build ? ps->scratch : NULL, &off[i]);
          break;
        }
  pb_json_reader_end (ps->reader);

  return TRUE;
}

/* {name, value} with string fields. */
gpointer
_pb_parser_read_name_value (Parser *ps)
{
  static const RowKey keys[] = { ROW_KEY ("name"), ROW_KEY ("value") };
  guint32 off[G_N_ELEMENTS (keys)];

  if (!read_row_strings (ps, keys, G_N_ELEMENTS (keys), off))
    return NULL;
  if (!ps->build)
    return ROW_CHECKED;

  return pb_name_value_new (scratch_str (ps, off[0]), scratch_str (ps, off[1]));
}

/* urlParameters: the shape is not documented; show whatever comes. An object with a string
 * "name" gives that name and its "value" (as text when not a string); anything else gives no
 * name and its compact JSON text as the value. The last of a member counts. */
gpointer
_pb_parser_read_url_parameter (Parser *ps)
{
  GString *name = ps->scratch;
  GString *value = ps->scratch2;
  gboolean has_name = FALSE;
  gboolean has_value = FALSE;

  if (!ps->build)
    return ROW_CHECKED;

  if (pb_json_reader_get_value_type (ps->reader) == PB_JSON_OBJECT)
    {
      for (gboolean more = pb_json_reader_start_object (ps->reader); more;
           more = pb_json_reader_next (ps->reader))
        {
          if (pb_json_reader_member_is (ps->reader, "name", 4))
            {
              g_string_truncate (name, 0);
              has_name = pb_json_reader_append_string (ps->reader, name);
            }
          else if (pb_json_reader_member_is (ps->reader, "value", 5))
            {
              g_string_truncate (value, 0);
              has_value = pb_json_reader_get_value_type (ps->reader) != PB_JSON_NULL;
              if (has_value && !pb_json_reader_append_string (ps->reader, value))
                pb_json_reader_append_compact (ps->reader, value);
            }
        }
      pb_json_reader_end (ps->reader);
    }

  if (has_name)
    return pb_name_value_new (name->str, has_value ? value->str : NULL);

  g_string_truncate (value, 0);
  pb_json_reader_append_compact (ps->reader, value);
  return pb_name_value_new (NULL, value->str);
}

gpointer
_pb_parser_read_input_mapping (Parser *ps)
{
  static const RowKey keys[] = {
    ROW_KEY ("label"), ROW_KEY ("key"), ROW_KEY ("type"), ROW_KEY ("exampleValue"),
    ROW_KEY ("mapping"),
  };
  guint32 off[G_N_ELEMENTS (keys)];

  if (!read_row_strings (ps, keys, G_N_ELEMENTS (keys), off))
    return NULL;
  if (!ps->build)
    return ROW_CHECKED;

  return pb_input_mapping_new (scratch_str (ps, off[0]), scratch_str (ps, off[1]),
                               scratch_str (ps, off[2]), scratch_str (ps, off[3]),
                               scratch_str (ps, off[4]));
}

gpointer
_pb_parser_read_output_mapping (Parser *ps)
{
  static const RowKey keys[] = {
    ROW_KEY ("label"), ROW_KEY ("outputReference"), ROW_KEY ("type"),
  };
  guint32 off[G_N_ELEMENTS (keys)];

  if (!read_row_strings (ps, keys, G_N_ELEMENTS (keys), off))
    return NULL;
  if (!ps->build)
    return ROW_CHECKED;

  return pb_output_mapping_new (scratch_str (ps, off[0]), scratch_str (ps, off[1]),
                                scratch_str (ps, off[2]));
}

/* Checks the array (or null: empty) of rows under the cursor; when ps->build, also makes them
 * into *rows. */
void
_pb_parser_read_rows (Parser      *ps,
                      const char  *member,
                      ReadRowFunc  read_row,
                      GPtrArray  **rows)
{
  PbJsonType type = pb_json_reader_get_value_type (ps->reader);
  guint index = 0;
  gsize old;

  if (type == PB_JSON_NULL)
    return;
  if (type != PB_JSON_ARRAY)
    {
      _pb_parser_unreadable (ps, member, "expected an array");
      return;
    }

  old = _pb_parser_push_member (ps->path, member);
  for (gboolean more = pb_json_reader_start_array (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    {
      gsize old_index = _pb_parser_push_index (ps->path, index++);
      gpointer row = read_row (ps);

      _pb_parser_pop (ps->path, old_index);
      if (row == NULL || row == ROW_CHECKED)
        continue; /* not a row (noted), or only checked */
      if (rows == NULL)
        g_object_unref (row);
      else
        {
          if (*rows == NULL)
            *rows = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (*rows, row);
        }
    }
  pb_json_reader_end (ps->reader);
  _pb_parser_pop (ps->path, old);
}

/* }}} */
