# Builds the silo host. Used by docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build restores ONNX Runtime from the npm registry (src/TalentFlow.OnnxRuntime).
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/TalentFlow.Silo -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080 11111
ENTRYPOINT ["dotnet", "TalentFlow.Silo.dll"]
