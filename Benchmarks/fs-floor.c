/*
 * fs-floor: the least file-system work that replacing a generated site takes.
 *
 *     fs-floor [-j THREADS] MANIFEST OUTPUT
 *
 * MANIFEST lists a site's folders and files, one a line, parents before children:
 * "D path" for a folder and "F size path" for a file, paths relative to the site's
 * root (run.py writes it by walking errata's output). fs-floor creates every folder
 * (mkdir) and every file (open, write of `size` bytes, close) in a staging folder
 * beside OUTPUT, on THREADS threads (default: every online core), then exchanges the
 * staging folder with OUTPUT (renameat2 RENAME_EXCHANGE; a plain rename when OUTPUT
 * does not exist yet, or two renames where the file system cannot exchange), and
 * removes the previous site (readdir, unlink, rmdir; the unlinks on every thread).
 * That is what errata build must do to the file system to replace a site, and
 * nothing else: no reading, no parsing, no rendering, no fsync.
 *
 * Exit status: 0 done, 1 a system call failed (it says which, on which path).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

struct entry {
    char *path;     /* absolute: staging folder + "/" + relative path */
    long size;      /* -1 for a folder */
};

static struct entry *entries;
static size_t entry_count;
static char *zeros;
static size_t thread_count;

static void fail(const char *operation, const char *path) {
    fprintf(stderr, "fs-floor: cannot %s %s: %s\n", operation, path, strerror(errno));
    exit(1);
}

/* mkdir, and its parents when another thread has not made them yet. */
static void make_folder(char *path) {
    if (mkdir(path, 0755) == 0 || errno == EEXIST) return;
    if (errno != ENOENT) fail("create the folder", path);
    char *slash = strrchr(path, '/');
    if (!slash) fail("create the folder", path);
    *slash = 0;
    make_folder(path);
    *slash = '/';
    if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("create the folder", path);
}

static void write_file(struct entry *file) {
    int descriptor = open(file->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (descriptor < 0 && errno == ENOENT) {
        char *slash = strrchr(file->path, '/');
        *slash = 0;
        make_folder(file->path);
        *slash = '/';
        descriptor = open(file->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (descriptor < 0) fail("create", file->path);
    long written = 0;
    while (written < file->size) {
        ssize_t result = write(descriptor, zeros, (size_t)(file->size - written));
        if (result < 0) {
            if (errno == EINTR) continue;
            fail("write", file->path);
        }
        written += result;
    }
    if (close(descriptor) != 0) fail("close", file->path);
}

/* Each thread creates one contiguous run of the manifest, so a folder and its files
   mostly land on the same thread, in the manifest's order. */
static void *create_slice(void *argument) {
    size_t slice = (size_t)argument;
    size_t start = entry_count * slice / thread_count, end = entry_count * (slice + 1) / thread_count;
    for (size_t index = start; index < end; index++) {
        if (entries[index].size < 0) make_folder(entries[index].path);
        else write_file(&entries[index]);
    }
    return NULL;
}

/* The previous site, listed by walking it: files to unlink, folders to rmdir (children first). */
static char **removed_files, **removed_folders;
static size_t removed_file_count, removed_folder_count, removed_file_capacity, removed_folder_capacity;

static void append(char ***list, size_t *count, size_t *capacity, char *path) {
    if (*count == *capacity) {
        *capacity = *capacity ? *capacity * 2 : 1024;
        *list = realloc(*list, *capacity * sizeof **list);
        if (!*list) fail("allocate memory for", path);
    }
    (*list)[(*count)++] = path;
}

static void list_tree(const char *folder) {
    DIR *directory = opendir(folder);
    if (!directory) fail("open the folder", folder);
    struct dirent *item;
    while ((item = readdir(directory))) {
        if (!strcmp(item->d_name, ".") || !strcmp(item->d_name, "..")) continue;
        char *path;
        if (asprintf(&path, "%s/%s", folder, item->d_name) < 0) fail("allocate memory for", folder);
        if (item->d_type == DT_DIR) list_tree(path);
        else append(&removed_files, &removed_file_count, &removed_file_capacity, path);
    }
    closedir(directory);
    append(&removed_folders, &removed_folder_count, &removed_folder_capacity, strdup(folder));
}

static void *unlink_slice(void *argument) {
    size_t slice = (size_t)argument;
    size_t start = removed_file_count * slice / thread_count, end = removed_file_count * (slice + 1) / thread_count;
    for (size_t index = start; index < end; index++)
        if (unlink(removed_files[index]) != 0) fail("delete", removed_files[index]);
    return NULL;
}

static void on_every_thread(void *(*work)(void *)) {
    pthread_t threads[thread_count];
    for (size_t slice = 1; slice < thread_count; slice++)
        if (pthread_create(&threads[slice], NULL, work, (void *)slice) != 0) fail("start a thread for", "the work");
    work((void *)0);
    for (size_t slice = 1; slice < thread_count; slice++) pthread_join(threads[slice], NULL);
}

static void remove_tree(const char *path) {
    list_tree(path);
    on_every_thread(unlink_slice);
    for (size_t index = 0; index < removed_folder_count; index++)
        if (rmdir(removed_folders[index]) != 0) fail("delete", removed_folders[index]);
}

static void read_manifest(const char *manifest, const char *staging) {
    FILE *file = fopen(manifest, "r");
    if (!file) fail("open", manifest);
    size_t capacity = 0, largest = 0;
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &line_capacity, file)) > 0) {
        if (line[length - 1] == '\n') line[--length] = 0;
        if (length == 0) continue;
        long size = -1;
        char *relative;
        if (line[0] == 'D' && line[1] == ' ') {
            relative = line + 2;
        } else if (line[0] == 'F' && line[1] == ' ') {
            size = strtol(line + 2, &relative, 10);
            if (*relative != ' ' || size < 0) { errno = EINVAL; fail("read the line of", manifest); }
            relative++;
        } else {
            errno = EINVAL;
            fail("read the line of", manifest);
        }
        if (entry_count == capacity) {
            capacity = capacity ? capacity * 2 : 4096;
            entries = realloc(entries, capacity * sizeof *entries);
            if (!entries) fail("allocate memory for", manifest);
        }
        if (asprintf(&entries[entry_count].path, "%s/%s", staging, relative) < 0) fail("allocate memory for", manifest);
        entries[entry_count++].size = size;
        if (size > (long)largest) largest = (size_t)size;
    }
    free(line);
    fclose(file);
    zeros = calloc(largest ? largest : 1, 1);
    if (!zeros) fail("allocate memory for", manifest);
}

int main(int argc, char **argv) {
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    int option;
    while ((option = getopt(argc, argv, "j:")) != -1) {
        if (option == 'j') threads = strtol(optarg, NULL, 10);
        else return 2;
    }
    if (argc - optind != 2 || threads < 1) {
        fprintf(stderr, "usage: fs-floor [-j THREADS] MANIFEST OUTPUT\n");
        return 2;
    }
    thread_count = (size_t)threads;
    const char *manifest = argv[optind];
    char *output = argv[optind + 1];
    size_t trimmed = strlen(output);
    while (trimmed > 1 && output[trimmed - 1] == '/') output[--trimmed] = 0;
    char *slash = strrchr(output, '/');
    const char *name = slash ? slash + 1 : output;
    int parent_length = slash ? (int)(slash - output) : 0;
    const char *separator = slash ? "/" : "";
    char *staging, *retired;
    if (asprintf(&staging, "%.*s%s.%s.fs-floor-staging-%d", parent_length, output, separator, name, (int)getpid()) < 0 ||
        asprintf(&retired, "%.*s%s.%s.fs-floor-old-%d", parent_length, output, separator, name, (int)getpid()) < 0)
        fail("allocate memory for", output);

    read_manifest(manifest, staging);
    if (mkdir(staging, 0755) != 0) fail("create the folder", staging);
    on_every_thread(create_slice);

    struct stat status;
    if (lstat(output, &status) != 0) {
        if (rename(staging, output) != 0) fail("rename into place", staging);
        return 0;
    }
    const char *previous = staging;
    if (syscall(SYS_renameat2, AT_FDCWD, staging, AT_FDCWD, output, RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS) fail("exchange with the output", staging);
        if (rename(output, retired) != 0) fail("rename aside", output);
        if (rename(staging, output) != 0) fail("rename into place", staging);
        previous = retired;
    }
    remove_tree(previous);
    return 0;
}
