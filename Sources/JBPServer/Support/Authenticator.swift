import Foundation
import Synchronization

/// Finds who a token belongs to, remembering recent answers so that a page view or a
/// submission does not cost a database read just to know its trainee.
///
/// Every answer is remembered for a minute at most and then asked of the database again: with
/// several instances on one database, what another instance changed (a trainer token's expiry, a
/// trainee removed) holds here too within that minute.
public final class Authenticator: Sendable {
    let store: any ClassroomStore
    private let trainees = Mutex<[String: (trainee: Trainee, checkedAt: Date)]>([:])
    private let trainers = Mutex<[String: (trainer: Trainer, checkedAt: Date)]>([:])
    /// How long a cached answer is trusted.
    let trainerCacheLife: TimeInterval = 60
    let traineeCacheLife: TimeInterval = 60
    let maxCached = 20_000

    init(store: any ClassroomStore) {
        self.store = store
    }

    func trainee(token: String, now: Date = Date()) async throws -> Trainee? {
        // Kept by the token itself (memory only): a hit costs no hashing.
        if let cached = trainees.withLock({ $0[token] }), now.timeIntervalSince(cached.checkedAt) < traineeCacheLife {
            return cached.trainee
        }
        guard let trainee = try await store.trainee(forTokenHash: Secrets.hash(token)) else {
            trainees.withLock { _ = $0.removeValue(forKey: token) }
            return nil
        }
        trainees.withLock { cache in
            if cache.count >= maxCached { cache.removeAll() }
            cache[token] = (trainee, now)
        }
        return trainee
    }

    /// Forgets a deleted trainee's tokens (other instances forget them within the cache's life).
    func forgetTrainee(_ id: Int64) {
        trainees.withLock { cache in cache = cache.filter { $0.value.trainee.id != id } }
    }

    /// Forgets every cached trainer answer (a password changed: its sessions end).
    func forgetTrainers() {
        trainers.withLock { $0.removeAll() }
    }

    func trainer(token: String, now: Date = Date()) async throws -> Trainer? {
        let hash = Secrets.hash(token)
        if let cached = trainers.withLock({ $0[hash] }), now.timeIntervalSince(cached.checkedAt) < trainerCacheLife {
            return cached.trainer
        }
        guard let trainer = try await store.trainer(forTokenHash: hash, at: now) else {
            trainers.withLock { _ = $0.removeValue(forKey: hash) }
            return nil
        }
        trainers.withLock { cache in
            if cache.count >= maxCached { cache.removeAll() }
            cache[hash] = (trainer, now)
        }
        return trainer
    }
}
