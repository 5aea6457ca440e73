package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.command.AggregateTargets;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.UnknownMedia;
import dev.parley.command.media.MediaOwners;
import java.util.List;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.kernel.user.UserRegistered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule of a user's account, one given/when/then each. */
class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId ADA = new UserId("ada");
    private static final UserId BOB = new UserId("bob");

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandTargetResolver(new AggregateTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((MediaOwners) (owner, media) -> owner.equals(ADA)
                ? ADAS_MEDIA.stream().filter(own -> own.mediaId().equals(media)).findFirst().orElse(null) : null);
    }

    private static final MediaAttachment ADAS_AVATAR = new MediaAttachment(new MediaId("avatar-1"), "image/png",
            20_000, 320, 320, "media/a1", "thumbs/t1");
    private static final MediaAttachment ADAS_PDF = new MediaAttachment(new MediaId("cv-1"), "application/pdf",
            90_000, null, null, "media/p1", null);
    private static final List<MediaAttachment> ADAS_MEDIA = List.of(ADAS_AVATAR, ADAS_PDF);

    @Test
    void registeringCreatesTheUserWithTrimmedDisplayName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ADA, "ada.l", "  Ada Lovelace "))
                .expectEvents(new UserRegistered(ADA, "ada.l", "Ada Lovelace", NOW));
    }

    @Test
    void aProfileUpdateKeepsWhatItDoesNotName() {
        fixture.given(new UserRegistered(ADA, "ada.l", "Ada", NOW))
                .when(new UpdateProfile(ADA, null, new MediaId("avatar-1")))
                .expectEvents(new ProfileUpdated(ADA, "Ada", new MediaId("avatar-1"), NOW));
    }

    @Test
    void anAvatarMustBeOneOfTheUsersOwnMedia() {
        fixture.given(new UserRegistered(BOB, "bob", "Bob", NOW))
                .when(new UpdateProfile(BOB, null, ADAS_AVATAR.mediaId()))
                .expectNoEvents()
                .expectException(UnknownMedia.class);
    }

    @Test
    void anAvatarMustBeAnImage() {
        fixture.given(new UserRegistered(ADA, "ada.l", "Ada", NOW))
                .when(new UpdateProfile(ADA, null, ADAS_PDF.mediaId()))
                .expectNoEvents()
                .expectException(InvalidInput.class);
    }

    @Test
    void anUpdateThatChangesNothingIsNoEvent() {
        fixture.given(new UserRegistered(ADA, "ada.l", "Ada", NOW))
                .when(new UpdateProfile(ADA, "Ada", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void usernamesAreThreeToThirtyTwoOfLowerCaseDigitsUnderscoreAndDot() {
        assertThatThrownBy(() -> new RegisterUser(ADA, "Ad", "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada lovelace", "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "a".repeat(33), "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada", " ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada", "x".repeat(65))).isInstanceOf(InvalidInput.class);
    }
}
