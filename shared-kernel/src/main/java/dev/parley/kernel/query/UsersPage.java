package dev.parley.kernel.query;

import java.util.List;

/** One page of the admin's user listing; {@code nextPageToken} is null on the last page. */
public record UsersPage(List<UserProfile> users, String nextPageToken) {
}
